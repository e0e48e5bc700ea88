import type { FootnoteDefinition } from 'mdast';
import { indexTree } from '../model/tree-index.js';
import { VFileMessage } from 'vfile-message';
import { writtenLabel } from '../model/labels.js';
import { defineRule, inlineCode } from './rule.js';

/** A second source entry with the same label (labels compare as GFM does). */
export const duplicateSource = defineRule(
  {
    id: 'duplicate-source',
    severity: 'error',
    description: 'A second source entry with the same label.',
    help: 'GFM uses the first entry of a label and silently drops the others, so a reader never sees the second source. Labels compare as GFM compares them, as written (`normalizeIdentifier`, then lower case; see [Footnote labels](#footnote-labels)): `[^NOTE]` and `[^note]` are the same label, `[^a+b]` and `[^a\\+b]` are not. Merge the entries (`citeproof fix --merge-duplicates` removes a second entry of the same source: the same text, URL or DOI) or give the second a label of its own. The message points back at the first entry.',
    examples: [
      {
        title: 'One entry per label',
        markdown: 'One.[^1] Two.[^2]\n\n[^1]: Jane Doe, “A Title”.\n[^2]: John Roe, “Another”.\n',
        expected: [],
      },
      {
        title: 'Two notes whose labels differ only by an escape (GFM keeps both)',
        markdown:
          'One.[^a+b] Two.[^a\\+b]\n\n[^a+b]: Jane Doe, “A Title”.\n[^a\\+b]: John Roe, “Another”.\n',
        expected: [],
      },
      {
        title: 'The same label twice, in another case',
        markdown: 'One.[^a]\n\n[^a]: Jane Doe, “A Title”.\n[^A]: John Roe, “Another”.\n',
        expected: [
          '4:1-4:27: Unexpected second source entry `A`, expected one entry per label: merge it with the first (line 3) or give it a new label',
        ],
      },
    ],
  },
  (tree, file) => {
    const source = String(file);
    const first = new Map<string, FootnoteDefinition>();
    for (const node of indexTree(tree).definitions) {
      // micromark's identifier, made from the label as written.
      const original = first.get(node.identifier);
      if (!original) {
        first.set(node.identifier, node);
        continue;
      }
      const label = writtenLabel(node, source);
      const firstLine = original.position ? ` (line ${original.position.start.line})` : '';
      file.message(
        `Unexpected second source entry ${inlineCode(label)}, expected one entry per label: merge it with the first${firstLine} or give it a new label`,
        {
          place: node.position,
          cause: new VFileMessage('First source entry defined here', {
            place: original.position,
            source: 'citeproof',
            ruleId: 'duplicate-source',
          }),
        },
      );
    }
  },
);
