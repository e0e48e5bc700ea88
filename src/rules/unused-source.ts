import { indexTree } from '../model/tree-index.js';
import { labelKey } from '../model/labels.js';
import { defineRule } from './rule.js';

/** A source entry no reference cites. */
export const unusedSource = defineRule(
  {
    id: 'unused-source',
    severity: 'warning',
    description: 'A source entry that no reference cites.',
    help: 'An entry nothing cites is usually a reference that was deleted or mistyped. Cite it where the claim is made, or remove it.',
    examples: [
      {
        title: 'Every entry cited',
        markdown: 'One.[^1]\n\n[^1]: Jane Doe, “A Title”.\n',
        expected: [],
      },
      {
        title: 'An entry nothing cites',
        markdown: 'One.[^1]\n\n[^1]: Jane Doe, “A Title”.\n[^2]: John Roe, “Another”.\n',
        expected: [
          '4:1-4:27: Unexpected unused source entry `2`, expected a reference `[^2]` in the text or the entry removed',
        ],
      },
    ],
  },
  (tree, file) => {
    const cited = new Set<string>();
    const { definitions, references } = indexTree(tree);
    for (const { node } of references) cited.add(labelKey(node.label ?? node.identifier));
    const reported = new Set<string>();
    for (const node of definitions) {
      const label = node.label ?? node.identifier;
      const key = labelKey(label);
      if (cited.has(key) || reported.has(key)) continue;
      reported.add(key);
      file.message(
        `Unexpected unused source entry \`${label}\`, expected a reference \`[^${label}]\` in the text or the entry removed`,
        { place: node.position },
      );
    }
  },
);
