import { notesOf } from '../model/notes.js';
import { defineRule } from './rule.js';

/** A source with no URL, DOI or ISBN (back-references inherit theirs). */
export const missingLocator = defineRule(
  {
    id: 'missing-locator',
    severity: 'warning',
    description: 'A source with no URL, DOI or ISBN.',
    help: 'A reader must be able to find a source. Add its URL, DOI or ISBN — never an invented one: a source whose URL is unknown stays without one, and this warning says so. Back-references (`op. cit.`, `ibid.`) inherit the locator of the note they point to and are not reported again.',
    examples: [
      {
        title: 'A URL, a DOI, an ISBN, and a back-reference',
        markdown:
          'One.[^1] Two.[^2] Three.[^3] Four.[^4]\n\n[^1]: Jane Doe, “A Title”, https://example.org/a.\n[^2]: John Roe, “Another”, doi:10.1000/182.\n[^3]: Ann Poe, “A Book”, ISBN 978-3-16-148410-0.\n[^4]: Poe, op. cit.\n',
        expected: [],
      },
      {
        title: 'A source that lost its URL',
        markdown:
          'One.[^1]\n\n[^1]: Jane Doe, “A Title”, Publisher,, (Date of Accession: 01.12.2022).\n',
        expected: [
          '3:1-3:72: Unexpected source entry `1` without a URL, DOI or ISBN, expected a locator so readers can find the source (never an invented one)',
        ],
      },
    ],
  },
  (tree, file) => {
    for (const note of notesOf(tree, String(file))) {
      const { entry } = note;
      // An empty entry is empty-source's.
      if (entry.backReference || entry.text === '') continue;
      if (entry.urls.length > 0 || entry.doi || entry.isbn) continue;
      file.message(
        `Unexpected source entry \`${note.label}\` without a URL, DOI or ISBN, expected a locator so readers can find the source (never an invented one)`,
        { place: note.definition.position },
      );
    }
  },
);
