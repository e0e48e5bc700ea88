import { indexTree } from '../model/tree-index.js';
import { location } from 'vfile-location';
import { findFootnoteCalls, labelKey } from '../model/labels.js';
import { defineRule } from './rule.js';

/**
 * A footnote reference with no source entry. micromark turns `[^x]` into a
 * footnote call only when `[^x]:` is defined, so an undefined call is plain
 * text: it is found by scanning the source of text nodes (escaped `\[` is not a
 * call; code is never a text node).
 */
export const undefinedReference = defineRule(
  {
    id: 'undefined-reference',
    severity: 'error',
    description: 'A footnote reference with no source entry.',
    help: 'Every `[^label]` needs a source entry `[^label]: …`. Labels match as GFM matches them: case and whitespace do not matter. micromark leaves an undefined `[^label]` as plain text, so a checker that only visits footnote nodes misses it; this rule scans the text too. Write `\\[` for a bracket that is not a reference.',
    examples: [
      {
        title: 'Defined, in any case',
        markdown:
          'A claim.[^1] Another.[^Note]\n\n[^1]: Jane Doe, “A Title”, Publisher.\n[^note]: John Roe, “Another”, Publisher.\n',
        expected: [],
      },
      {
        title: 'Undefined',
        markdown: 'A claim.[^1] An unsupported one.[^2]\n\n[^1]: Jane Doe, “A Title”, Publisher.\n',
        expected: [
          '1:33-1:37: Unexpected reference to undefined source `2`, expected a source entry `[^2]: …` or an escaped opening bracket (`\\[`) for regular text',
        ],
      },
      {
        title: 'Not references: escaped brackets and code',
        markdown: 'An escaped \\[^1] and code `[^2]`.\n',
        expected: [],
      },
    ],
  },
  (tree, file) => {
    const { definitions, texts } = indexTree(tree);
    const defined = new Set(definitions.map((node) => labelKey(node.label ?? node.identifier)));
    const source = String(file.value ?? '');
    const place = location(file);
    for (const { node } of texts) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) continue;
      for (const call of findFootnoteCalls(source.slice(start, end))) {
        if (defined.has(labelKey(call.label))) continue;
        const from = place.toPoint(start + call.start);
        const to = place.toPoint(start + call.end);
        if (!from || !to) continue;
        file.message(
          `Unexpected reference to undefined source \`${call.label}\`, expected a source entry \`[^${call.label}]: …\` or an escaped opening bracket (\`\\[\`) for regular text`,
          { place: { start: from, end: to } },
        );
      }
    }
  },
);
