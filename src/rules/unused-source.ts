import { indexTree } from '../model/tree-index.js';
import { writtenLabel } from '../model/labels.js';
import { defineRule, inlineCode } from './rule.js';

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
      {
        title: 'An entry whose label has an escape the call does not have',
        markdown: 'One.[^a+b]\n\n[^a+b]: Jane Doe, “A Title”.\n[^a\\+b]: John Roe, “Another”.\n',
        expected: [
          '4:1-4:30: Unexpected unused source entry `a\\+b`, expected a reference `[^a\\+b]` in the text or the entry removed',
        ],
      },
    ],
  },
  (tree, file) => {
    const source = String(file.value ?? '');
    const { definitions, references } = indexTree(tree);
    // micromark's identifiers, made from the labels as written.
    const cited = new Set(references.map(({ node }) => node.identifier));
    const reported = new Set<string>();
    for (const node of definitions) {
      const key = node.identifier;
      if (cited.has(key) || reported.has(key)) continue;
      reported.add(key);
      const label = writtenLabel(node, source);
      file.message(
        `Unexpected unused source entry ${inlineCode(label)}, expected a reference ${inlineCode(`[^${label}]`)} in the text or the entry removed`,
        { place: node.position },
      );
    }
  },
);
