import { visit } from 'unist-util-visit';
import { labelKey } from '../labels.js';
import { defineRule } from './rule.js';

/** A source entry no reference cites. */
export const unusedSource = defineRule(
  {
    id: 'unused-source',
    severity: 'warning',
    description: 'A source entry that no reference cites.',
  },
  (tree, file) => {
    const cited = new Set<string>();
    visit(tree, 'footnoteReference', (node) => {
      cited.add(labelKey(node.label ?? node.identifier));
    });
    const reported = new Set<string>();
    visit(tree, 'footnoteDefinition', (node) => {
      const label = node.label ?? node.identifier;
      const key = labelKey(label);
      if (cited.has(key) || reported.has(key)) return;
      reported.add(key);
      file.message(
        `Unexpected unused source entry \`${label}\`, expected a reference \`[^${label}]\` in the text or the entry removed`,
        { place: node.position },
      );
    });
  },
);
