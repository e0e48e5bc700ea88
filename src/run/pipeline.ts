import { existsSync } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { bodyOverLimit } from '../parse/limits.js';
import { slugOf, toArticle } from '../model/article.js';
import { parseAndCheck } from '../rules/check.js';
import { type Edition, editions } from '../editions/index.js';
import type { CiteproofOptions } from '../rules/plugin.js';
import { fatal, readArticle, readErrorId } from '../read/read.js';
import { figureInputs, figureReader } from './figures.js';
import { sha256 } from './hash.js';
import './serialize.js';
import { writeAtomically } from './write.js';

/** The rule id of a failure to render or write editions (exit code 2). */
export const buildErrorId = 'build-error';

/** The rule id of an article that cannot be parsed safely (exit code 2). */
export const parseErrorId = 'parse-error';

/** Messages that mean an input could not be processed at all (exit code 2; never cached). */
export const unprocessableIds: ReadonlySet<string> = new Set([
  readErrorId,
  parseErrorId,
  buildErrorId,
]);

export interface PipelineOptions {
  cwd: string;
  /** Write editions to this folder (relative to `cwd`); absent: check only. */
  out?: string;
  /** Warnings fail too: an article with warnings is not published. */
  strict?: boolean;
  env?: Readonly<Record<string, string | undefined>>;
  check?: CiteproofOptions;
  /**
   * The folder of published articles, relative to `cwd` (default `source`):
   * `check` requires their front matter fields, as `build` does for every article.
   */
  articles?: string;
  /**
   * Hash the article's text (`file.data.sourceHash`) and the files its images name
   * (`file.data.figureInputs`) for the cache (default `true`); a run without a cache skips
   * both (the figures would be read a second time, and hashing the text was ~1% of a check).
   */
  forCache?: boolean;
}

/**
 * Read, parse and check one article and, when building and it has no errors,
 * publish its Markdown and PDF editions. Every problem becomes a message on
 * the returned file; nothing here throws on bad input.
 */
export async function processArticle(filePath: string, options: PipelineOptions): Promise<VFile> {
  const file = await readArticle(filePath, options.cwd);
  if (file.messages.some((message) => message.ruleId === readErrorId)) return file;
  // The cache keeps the verdict with the hash of exactly the text it was made from.
  if (options.forCache !== false) file.data.sourceHash = sha256(String(file.value));
  file.data.published = isPublished(filePath, options);
  // The body's limits; the front matter has its own (invalid-front-matter reports them).
  const problem = bodyOverLimit(String(file.value));
  if (problem) return fatal(file, `Cannot parse article: ${problem}`, parseErrorId);
  let tree: Root;
  try {
    tree = await parseAndCheck(file, options.check);
  } catch (error) {
    file.messages = file.messages.filter((message) => message.ruleId === readErrorId);
    const reason =
      error instanceof RangeError ? 'it is nested too deeply for the parser' : firstLine(error);
    return fatal(file, `Cannot parse article: ${reason}`, parseErrorId);
  }
  if (options.forCache !== false) {
    const inputs = figureInputs(tree, String(file.value), options.cwd, filePath);
    if (inputs) file.data.figureInputs = inputs;
  }
  if (options.out === undefined || !publishable(file, options.strict === true)) return file;
  const folder = path.dirname(path.resolve(options.cwd, filePath));
  const article = toArticle(tree, file, (slug) => existsSync(path.join(folder, `${slug}.md`)));
  if (!article) return file;
  try {
    const base = path.resolve(options.cwd, options.out, slugOf(filePath));
    const context = { env: options.env ?? {}, figure: figureReader(options.cwd, filePath) };
    const files = [];
    for (const edition of editions) {
      const target = base + edition.extension;
      const problem = await notOurs(target, edition);
      if (problem) return fatal(file, `Cannot build editions: ${problem}`, buildErrorId);
      files.push({ path: target, content: await edition.render(article, context) });
    }
    await writeAtomically(files);
  } catch (error) {
    return fatal(file, `Cannot build editions: ${firstLine(error)}`, buildErrorId);
  }
  return file;
}

/**
 * Why `target` may not be replaced by an edition, or `undefined`: build
 * replaces only a missing file or an edition it wrote (one with the edition's
 * mark), never an author's file, a folder or a symlink.
 */
async function notOurs(target: string, edition: Edition): Promise<string | undefined> {
  const info = await lstat(target).catch(() => undefined);
  if (!info) return undefined;
  const name = path.basename(target);
  if (!info.isFile())
    return `${name} in the output folder is not a file (a folder or a symlink); move it away`;
  const bytes = await readFile(target).catch(() => undefined);
  if (bytes && edition.isEdition(bytes)) return undefined;
  return `${name} in the output folder was not written by citeproof (it has no edition mark), so it is left alone; move it away or choose another --out`;
}

/** Whether an article is published: built, or checked in the articles folder. */
function isPublished(filePath: string, options: PipelineOptions): boolean {
  if (options.out !== undefined) return true;
  const folder = path.resolve(options.cwd, options.articles ?? 'source');
  const relative = path.relative(folder, path.resolve(options.cwd, filePath));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Whether an article may be published: no errors (and, when strict, no warnings). */
export function publishable(file: VFile, strict: boolean): boolean {
  return !file.messages.some(
    (message) => message.fatal === true || (strict && message.fatal === false),
  );
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
