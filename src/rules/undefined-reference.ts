import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { location } from 'vfile-location';
import { findFootnoteCalls, labelKey } from '../labels.js';
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
  },
  (tree, file) => {
    const defined = definedKeys(tree);
    const source = String(file.value ?? '');
    const place = location(file);
    visit(tree, 'text', (node) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
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
    });
  },
);

function definedKeys(tree: Root): Set<string> {
  const keys = new Set<string>();
  visit(tree, 'footnoteDefinition', (node) => {
    keys.add(labelKey(node.label ?? node.identifier));
  });
  return keys;
}
