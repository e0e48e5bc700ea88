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
/** Articles parsed in this thread, and those of them micromark parsed some of. */
const seen = { articles: 0, rich: 0 };

/**
 * Parse and check one article read into `file`; returns its tree. micromark
 * is loaded only for an article the fast path does not take. Where it parsed
 * some of one in ten or more of the articles so far, the next go straight to the
 * segmented parse (parse.ts `richParse`): it takes what the fast path takes
 * whole at ~85% of its speed, and the rest without the fast path's first
 * attempt, which fails after ~0.35 ms of an article of real writing.
 */
export async function parseAndCheck(file: VFile, options: CiteproofOptions = {}): Promise<Root> {
  seen.articles++;
  const segmentedFirst = rich !== undefined && seen.rich * 10 >= seen.articles;
  let tree = speedPaths().fastParser && !segmentedFirst ? fastParse(String(file)) : undefined;
  if (!tree) {
    rich ??= await import('../parse/parse.js');
    const counts = { runs: 0, paragraphs: 0, inContainers: 0 };
    tree = rich.richParse(file, counts);
    if (counts.runs + counts.paragraphs > 0) seen.rich++;
  }
  await check(tree, file, options);
  return tree;
}
