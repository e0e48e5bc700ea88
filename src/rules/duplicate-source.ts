import type { FootnoteDefinition } from 'mdast';
import { visit } from 'unist-util-visit';
import { VFileMessage } from 'vfile-message';
import { labelKey } from '../labels.js';
import { defineRule } from './rule.js';

/** A second source entry with the same label (labels compare as GFM does). */
export const duplicateSource = defineRule(
  {
    id: 'duplicate-source',
    severity: 'error',
    description: 'A second source entry with the same label.',
  },
  (tree, file) => {
    const first = new Map<string, FootnoteDefinition>();
    visit(tree, 'footnoteDefinition', (node) => {
      const label = node.label ?? node.identifier;
      const key = labelKey(label);
      const original = first.get(key);
      if (!original) {
        first.set(key, node);
        return;
      }
      const firstLine = original.position ? ` (line ${original.position.start.line})` : '';
      file.message(
        `Unexpected second source entry \`${label}\`, expected one entry per label: merge it with the first${firstLine} or give it a new label`,
        {
          place: node.position,
          cause: new VFileMessage('First source entry defined here', {
            place: original.position,
            source: 'citeproof',
            ruleId: 'duplicate-source',
          }),
        },
      );
    });
  },
);
