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
        title: 'A call written against an address, read as part of it',
        markdown: 'See www.example.org/report.[^1]\n\n[^1]: Jane Doe, “A Title”.\n',
        expected: [
          '3:1-3:27: Unexpected unused source entry `1`: its call `[^1]` at 1:28 is read as part of the address `www.example.org/report.[^1]`, expected a space before the call or the address in angle brackets (`<https://…>`)',
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
    const source = String(file);
    const { definitions, references, urls } = indexTree(tree);
    // micromark's identifiers, made from the labels as written.
    const cited = new Set(references.map(({ node }) => node.identifier));
    const reported = new Set<string>();
    for (const node of definitions) {
      const key = node.identifier;
      if (cited.has(key) || reported.has(key)) continue;
      reported.add(key);
      const label = writtenLabel(node, source);
      const swallowed = callInAddress(`[^${label}]`, urls, source);
      file.message(
        swallowed
          ? `Unexpected unused source entry ${inlineCode(label)}: its call ${inlineCode(`[^${label}]`)} at ${swallowed.at} is read as part of the address ${inlineCode(swallowed.address)}, expected a space before the call or the address in angle brackets (\`<https://…>\`)`
          : `Unexpected unused source entry ${inlineCode(label)}, expected a reference ${inlineCode(`[^${label}]`)} in the text or the entry removed`,
        { place: node.position },
      );
    }
  },
);

/**
 * A call GFM read as part of a bare address (`www.example.org/a.[^1]`: an
 * address runs to the next space, so the call is part of the link), where the
 * author meant a note: its place and the address as written.
 */
function callInAddress(
  call: string,
  urls: ReturnType<typeof indexTree>['urls'],
  source: string,
): { at: string; address: string } | undefined {
  for (const link of urls) {
    if (link.type !== 'link') continue;
    const start = link.position?.start.offset;
    const end = link.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    const written = source.slice(start, end);
    // Only a bare address (its text is the address as written), which GFM ends before a
    // closing bracket it does not pair: the call's `]` follows the link or is inside it.
    const index = written.indexOf(call.slice(0, -1));
    if (index === -1 || /^[<[]/u.test(written) || !source.startsWith(call, start + index)) continue;
    const line = link.position?.start.line ?? 1;
    const column = (link.position?.start.column ?? 1) + index;
    return {
      at: `${line}:${column}`,
      address: source.slice(start, Math.max(end, start + index + call.length)),
    };
  }
  return undefined;
}
