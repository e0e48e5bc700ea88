import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Root, RootContent } from 'mdast';
import { VFile } from 'vfile';
import { fastParse } from '../../src/parse/fast-parse.js';
import { slowParse } from '../../src/parse/parse.js';
import { segmentedParse } from '../../src/parse/segments.js';
import { expectSameTree } from '../same-tree.js';

/** micromark's tree of `text` (the plain path: remark-parse with GFM and front matter). */
export function micromark(text: string): Root {
  return slowParse(new VFile(text));
}

/** The segmented tree of `text`, or `undefined` when it leaves the article to micromark. */
export function segmented(text: string): Root | undefined {
  return segmentedParse(text, micromark);
}

/** Compare the segmented parse with micromark's on each text; how many were cut. */
export function compareSegmented(inputs: Iterable<{ name: string; text: string }>): number {
  let cut = 0;
  for (const { name, text } of inputs) {
    const tree = segmented(text);
    if (!tree) continue;
    cut++;
    expectSameTree(tree, micromark(text), name);
  }
  return cut;
}

/**
 * Generate documents, and require micromark's tree of each the fast path takes;
 * how many it took, and how many of those had a node of each kind in `kinds`
 * (to show the property is not vacuous).
 */
export function sameTrees(
  documents: fc.Arbitrary<string>,
  runs: number,
  kinds: Record<string, (node: RootContent) => boolean> = {},
): { taken: number; counted: Record<string, number> } {
  let taken = 0;
  const counted: Record<string, number> = {};
  fc.assert(
    fc.property(documents, (text) => {
      const tree = fastParse(text);
      if (!tree) return;
      taken++;
      for (const [kind, is] of Object.entries(kinds))
        if (tree.children.some(is)) counted[kind] = (counted[kind] ?? 0) + 1;
      expectSameTree(tree, micromark(text));
    }),
    { seed: 1201, numRuns: Number(process.env['FAST_PARSE_RUNS'] ?? runs) },
  );
  return { taken, counted };
}

/** The `.md` files under `folder`, at any depth. */
export function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}
