import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { parseArgs } from 'node:util';
import { VFile } from 'vfile';
import { slugOf } from '../model/article.js';
import { type Collected, collectArticles } from '../read/collect.js';
import { fatal, readErrorId } from '../read/read.js';
import { defaultCacheLocation } from '../run/cache.js';
import { unprocessableIds } from '../run/pipeline.js';
import { toolRoot } from '../run/tool-root.js';

/** What `main` runs with: everything from outside is passed in, so tests call it in-process. */
export interface Io {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Standard input, read by `check -` (absent: empty). */
  stdin?: AsyncIterable<Uint8Array | string>;
  /** Aborts `--watch` (the bin: never; tests: when done). */
  signal?: AbortSignal;
  /** Called as each article is checked or built (the bin: its deferred tier-up, tier-up.ts). */
  onArticle?: () => void;
}

/** Exit codes (DESIGN.md). */
export const exitCodes = { ok: 0, citationErrors: 1, usage: 2 } as const;

/** The options of every command (node:util parseArgs). */
export const options = {
  format: { type: 'string', default: 'text' },
  strict: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  out: { type: 'string' },
  watch: { type: 'boolean', default: false },
  config: { type: 'string' },
  'ignore-pattern': { type: 'string', multiple: true },
  'no-ignore': { type: 'boolean', default: false },
  'stdin-filename': { type: 'string' },
  shard: { type: 'string' },
  jobs: { type: 'string' },
  'cache-location': { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  'merge-duplicates': { type: 'boolean', default: false },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
  debug: { type: 'boolean', default: false },
} as const;

export type Values = ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];

/** The parsed command line that the commands run with. */
export interface Invocation {
  io: Io;
  values: Values;
  paths: string[];
  color: boolean;
}

/** What a run of check or build found: the files with their messages, and the exit code. */
export interface Outcome {
  files: VFile[];
  code: number;
}

/**
 * Articles whose slugs clash: two with one slug when building (one edition
 * would replace the other), and, always, slugs that differ only in case (on
 * macOS and Windows they are one file name). The first of each keeps its place.
 */
export function slugClashes(
  articles: readonly string[],
  building: boolean,
): { accepted: string[]; clashes: Array<{ path: string; reason: string }> } {
  const accepted: string[] = [];
  const clashes: Array<{ path: string; reason: string }> = [];
  const seen = new Map<string, string>();
  for (const article of articles) {
    const slug = slugOf(article);
    const other = seen.get(slug.toLowerCase());
    const otherSlug = other === undefined ? undefined : slugOf(other);
    if (other !== undefined && otherSlug !== slug) {
      clashes.push({
        path: article,
        reason: `its slug \`${slug}\` differs only in case from \`${otherSlug}\` of ${other}; on macOS and Windows their editions would be one file, so rename one of them`,
      });
    } else if (other !== undefined && building) {
      clashes.push({
        path: article,
        reason: `its slug \`${slug}\` is also the slug of ${other}; rename one of them`,
      });
    } else {
      if (other === undefined) seen.set(slug.toLowerCase(), article);
      accepted.push(article);
    }
  }
  return { accepted, clashes };
}

/** 2 when an input cannot be read, parsed or built, 1 on citation errors (or warnings when strict), else 0. */
export function exitCode(files: readonly VFile[], strict: boolean): number {
  const messages = files.flatMap((file) => file.messages);
  if (messages.some((message) => unprocessableIds.has(message.ruleId ?? '')))
    return exitCodes.usage;
  if (messages.some((message) => message.fatal === true || (strict && message.fatal === false))) {
    return exitCodes.citationErrors;
  }
  return exitCodes.ok;
}

/** `I/N` as a shard, or `null` when it is not one. */
export function parseShard(value: string): { index: number; count: number } | null {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  return match && index >= 1 && index <= count ? { index, count } : null;
}

export function unreadable(filePath: string, cwd: string, reason: string): VFile {
  return fatal(new VFile({ path: filePath, cwd }), `Cannot read: ${reason}`, readErrorId);
}

export function usageError(io: Io, reason: string): number {
  io.stderr.write(`citeproof: ${reason} (see \`citeproof --help\`)\n`);
  return exitCodes.usage;
}

interface Manifest {
  version: string;
  homepage?: string;
}

let manifest: Manifest | undefined;

function readManifest(): Manifest {
  manifest ??= JSON.parse(readFileSync(path.join(toolRoot(), 'package.json'), 'utf8')) as Manifest;
  return manifest;
}

export function version(): string {
  return readManifest().version;
}

/**
 * What reports say of the tool: its version, and where the rules are
 * documented (docs/rules.md, also shipped in the package) for SARIF's `helpUri`.
 */
export function toolMeta(): { version: string; rulesUrl?: string } {
  const { version, homepage } = readManifest();
  const repository = homepage?.replace(/#.*$/u, '');
  return repository?.startsWith('https://github.com/')
    ? { version, rulesUrl: `${repository}/blob/main/docs/rules.md` }
    : { version };
}

/** The most worker threads `--jobs` may ask for: twice the cores. */
export function maxJobs(): number {
  return availableParallelism() * 2;
}

/** `--jobs N` as a number from 1 to `maxJobs()`, or `null` (only decimal digits: not `1e3`, `0x10` or ``). */
export function parseJobs(value: string): number | null {
  if (!/^\d{1,4}$/.test(value)) return null;
  const jobs = Number(value);
  return jobs >= 1 && jobs <= maxJobs() ? jobs : null;
}

/** The cache folder of a run, or `undefined` with `--no-cache`. */
export function cacheLocation(values: Values, io: Io): string | undefined {
  if (values['no-cache']) return undefined;
  return values['cache-location'] === undefined
    ? defaultCacheLocation(io.cwd, io.env)
    : path.resolve(io.cwd, values['cache-location']);
}

/**
 * The articles a command runs on: its paths (default the articles folder) expanded
 * with ignore files honoured, `--verbose` notes printed, and the paths that
 * cannot be read as files with a fatal message each.
 */
export async function collectFor(
  invocation: Invocation,
  articles: string,
): Promise<{ collected: Collected; files: VFile[] }> {
  const { io, values, paths } = invocation;
  const collected = await collectArticles(
    paths.length > 0 ? paths : [path.relative(io.cwd, articles) || '.'],
    io.cwd,
    {
      articles,
      ignorePatterns: values['ignore-pattern'] ?? [],
      ignoreFiles: !values['no-ignore'],
    },
  );
  if (values.verbose) for (const note of collected.notes) io.stderr.write(`citeproof: ${note}\n`);
  for (const warning of collected.warnings) io.stderr.write(`citeproof: ${warning}\n`);
  const files = collected.problems.map((problem) =>
    unreadable(problem.path, io.cwd, problem.reason),
  );
  return { collected, files };
}
