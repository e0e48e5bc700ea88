import { isBlank } from '../model/source-entry.js';
import { indexTree } from '../model/tree-index.js';
import { defineRule } from './rule.js';

/** A source entry with no text. */
export const emptySource = defineRule(
  {
    id: 'empty-source',
    severity: 'error',
    description: 'A source entry with no text.',
    help: 'A reference to an empty entry cites nothing. Write the source in the house style: `Author, “Title”, Publisher, URL, (Date of Accession: DD.MM.YYYY).`',
    examples: [
      {
        title: 'A source with text',
        markdown: 'One.[^1]\n\n[^1]: Jane Doe, “A Title”, Publisher.\n',
        expected: [],
      },
      {
        title: 'An empty source',
        markdown: 'One.[^1]\n\n[^1]:\n',
        expected: [
          '3:1-3:6: Unexpected empty source entry `1`, expected the source: author, title, publisher, URL and access date',
        ],
      },
    ],
  },
  (tree, file) => {
    for (const node of indexTree(tree).definitions) {
      if (!isBlank(node)) continue;
      const label = node.label ?? node.identifier;
      file.message(
        `Unexpected empty source entry \`${label}\`, expected the source: author, title, publisher, URL and access date`,
        { place: node.position },
      );
    }
  },
);
