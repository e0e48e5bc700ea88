import { VFileMessage } from 'vfile-message';
import { type NoteInfo, notesOf } from '../model/notes.js';
import { locatorsOf } from '../model/source-entry.js';
import { defineRule } from './rule.js';

/** The same URL or DOI under two labels. */
export const duplicateLocator = defineRule(
  {
    id: 'duplicate-locator',
    severity: 'warning',
    description: 'The same URL or DOI under two labels.',
    help: 'Two entries with the same URL or DOI are the same source cited twice under two numbers. Cite the first label again, or make the second a back-reference (`op. cit.`, `ibid.`).',
    examples: [
      {
        title: 'Distinct sources',
        markdown: 'One.[^1] Two.[^2]\n\n[^1]: https://example.org/a\n[^2]: https://example.org/b\n',
        expected: [],
      },
      {
        title: 'The same URL twice',
        markdown:
          'One.[^1] Two.[^2]\n\n[^1]: Jane Doe, https://example.org/a\n[^2]: J. Doe, https://example.org/a.\n',
        expected: [
          '4:1-4:37: Unexpected locator `https://example.org/a` in source entry `2`, already the locator of `1` (line 3), expected a reference to `[^1]` or a back-reference',
        ],
      },
    ],
  },
  (tree, file) => {
    const seen = new Map<string, NoteInfo>();
    for (const note of [...notesOf(tree, String(file))].sort(byPosition)) {
      for (const locator of locatorsOf(note.entry)) {
        const first = seen.get(locator);
        if (!first) {
          seen.set(locator, note);
          continue;
        }
        const line = first.definition.position
          ? ` (line ${first.definition.position.start.line})`
          : '';
        file.message(
          `Unexpected locator \`${locator}\` in source entry \`${note.label}\`, already the locator of \`${first.label}\`${line}, expected a reference to \`[^${first.label}]\` or a back-reference`,
          {
            place: note.definition.position,
            cause: new VFileMessage('First used here', {
              place: first.definition.position,
              source: 'citeproof',
              ruleId: 'duplicate-locator',
            }),
          },
        );
      }
    }
  },
);

function byPosition(a: NoteInfo, b: NoteInfo): number {
  return (a.definition.position?.start.offset ?? 0) - (b.definition.position?.start.offset ?? 0);
}
