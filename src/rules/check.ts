import type { Root } from 'mdast';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { fastParse } from '../parse/fast-parse.js';
import { speedPaths } from '../speed/index.js';
import remarkCiteproof, { type CiteproofOptions } from './plugin.js';

/**
 * Run every rule over a parsed article; the messages go on `file`.
 * The tree is not changed.
 */
export async function check(
  tree: Root,
  file: VFile,
  options: CiteproofOptions = {},
): Promise<void> {
  await checker(options).run(tree, file);
}

const checkers = new WeakMap<CiteproofOptions, ReturnType<typeof makeChecker>>();
const defaults: CiteproofOptions = {};

function checker(options: CiteproofOptions): ReturnType<typeof makeChecker> {
  const key = Object.keys(options).length === 0 ? defaults : options;
  let processor = checkers.get(key);
  if (!processor) {
    processor = makeChecker(key);
    checkers.set(key, processor);
  }
  return processor;
}

function makeChecker(options: CiteproofOptions) {
  return unified().use(remarkCiteproof, options).freeze();
}

/** The parser of articles the one-pass parser does not take whole, once one needed it. */
let rich: typeof import('../parse/parse.js') | undefined;

/**
 * Parse and check one article read into `file`; returns its tree. micromark
 * is loaded only for an article the fast path does not take; from then on each
 * article goes straight to the segmented parse (parse.ts `richParse`), which
 * takes what the fast path takes whole at about its speed, and the rest without
 * a first attempt of the fast path's that fails.
 */
export async function parseAndCheck(file: VFile, options: CiteproofOptions = {}): Promise<Root> {
  const fast = speedPaths().fastParser && !rich ? fastParse(String(file)) : undefined;
  if (!fast) rich ??= await import('../parse/parse.js');
  const tree = fast ?? (rich as typeof import('../parse/parse.js')).richParse(file);
  await check(tree, file, options);
  return tree;
}
