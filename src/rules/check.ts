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

/**
 * Parse and check one article read into `file`; returns its tree. micromark
 * is loaded only for an article the fast path does not take.
 */
export async function parseAndCheck(file: VFile, options: CiteproofOptions = {}): Promise<Root> {
  const fast = speedPaths().fastParser ? fastParse(String(file)) : undefined;
  const tree = fast ?? (await import('../parse/parse.js')).richParse(file);
  await check(tree, file, options);
  return tree;
}
