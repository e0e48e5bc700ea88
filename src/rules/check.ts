import type { Root } from 'mdast';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { fastParse } from '../parse/fast-parse.js';
import { speedPaths } from '../speed/index.js';
import { applyMessageControl } from './message-control.js';
import remarkCiteproof, { type ActiveRule, activeRules, type CiteproofOptions } from './plugin.js';

/**
 * Run every rule over a parsed article; the messages go on `file`.
 * The tree is not changed.
 */
export async function check(
  tree: Root,
  file: VFile,
  options: CiteproofOptions = {},
): Promise<void> {
  if (speedPaths().directRules) await runRules(tree, file, activeFor(options));
  else await checker(options).run(tree, file);
}

const checkers = new WeakMap<CiteproofOptions, ReturnType<typeof makeChecker>>();
const active = new WeakMap<CiteproofOptions, ActiveRule[]>();
const defaults: CiteproofOptions = {};

function checker(options: CiteproofOptions): ReturnType<typeof makeChecker> {
  return once(checkers, options, makeChecker);
}

function activeFor(options: CiteproofOptions): ActiveRule[] {
  return once(active, options, activeRules);
}

/** What `make` makes of `options`, made once per options object (`{}` is one with the defaults). */
function once<T>(
  made: WeakMap<CiteproofOptions, T>,
  options: CiteproofOptions,
  make: (options: CiteproofOptions) => T,
): T {
  const key = Object.keys(options).length === 0 ? defaults : options;
  let value = made.get(key);
  if (value === undefined) {
    value = make(key);
    made.set(key, value);
  }
  return value;
}

function makeChecker(options: CiteproofOptions) {
  return unified().use(remarkCiteproof, options).freeze();
}

/**
 * What `checker(options).run` does, without unified's pipeline: each rule in
 * turn, its new messages given what unified-lint-rule gives them (`fatal` for
 * an error, `ruleId`, `source`, no `url`; a rule that throws adds its error as
 * a fatal message, as `file.fail` does), then the disable comments. unified's
 * pipeline (trough, a callback per plugin, 15 plugins) cost ~10–20 µs an article
 * once warm: the rules over simonw/til's 578 articles took 30 ms through it and
 * 24 ms directly, over rust-lang's blog's 756 104 ms and 89 ms (medians of 12
 * passes in one process).
 */
export async function runRules(
  tree: Root,
  file: VFile,
  rules: readonly ActiveRule[],
): Promise<void> {
  for (const { rule, level, context } of rules) {
    let index = file.messages.length - 1;
    try {
      const running = rule.check(tree, file, context);
      if (running) await running;
    } catch (error) {
      if (!file.messages.includes(error as VFileMessage)) {
        try {
          file.fail(error as Error);
        } catch {
          // The message is on the file; the next rule runs, as under unified-lint-rule.
        }
      }
    }
    const { messages } = file;
    const fatal = level === 2;
    const ruleId = rule.meta.id;
    while (++index < messages.length)
      Object.assign(messages[index] as VFileMessage, {
        fatal,
        ruleId,
        source: 'citeproof',
        url: undefined,
      });
  }
  applyMessageControl(tree, file);
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
