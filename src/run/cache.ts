import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { unprocessableIds } from './pipeline.js';
import type { MessageRecord } from './serialize.js';
import { toolRoot } from './tool-root.js';
import { sha256 } from './hash.js';
import { writeAtomically } from './write.js';

/** Which command made an entry: a check and a build of one article keep one entry each. */
export type CacheKind = 'check' | 'build';

/** What the cache keeps for one article and one command. */
export interface CacheEntry {
  kind: CacheKind;
  /** SHA-256 of the article text the verdict was computed from (the very bytes parsed). */
  source: string;
  /** SHA-256 of everything else the verdict depends on (rules, date, options, edition inputs). */
  context: string;
  messages: MessageRecord[];
  /** Editions written for it (build), by path relative to cwd, with their SHA-256. */
  editions?: Record<string, string>;
  /** The files its figures name (absolute), with their hashes (run/figures.ts): its inputs besides its text. */
  inputs?: Record<string, string | null>;
  /** The run that last used it (pruning). */
  used: number;
  /** SHA-256 of the fields above: an entry damaged or edited by hand is ignored. */
  digest: string;
}

export interface Cache {
  /** The tool fingerprint the cache was made by; a cache of another is ignored. */
  tool: string;
  /** Runs so far (each run increments it). */
  run: number;
  /** Entries by `kind` and absolute article path (`entryKey`). */
  entries: Record<string, CacheEntry>;
}

/** The cache's one file, in its folder. */
export const cacheFile = 'cache.json';

/** Format of the cache file; another is ignored. */
const cacheVersion = 3;

/**
 * Pruning: an entry no run has used in this many runs is dropped, and at most
 * this many entries besides those the last run used are kept.
 */
export const cacheBounds = { runs: 10, extraEntries: 2000 } as const;

/**
 * A fingerprint of this build of the tool: its version and the bytes of its
 * compiled modules and bundles, so a cache from another version (or a rebuilt one) is
 * never trusted. scripts/bundle.mjs computes it once and stores it in
 * `dist/fingerprint` (hashing every module of dist/ took about 80 ms of each
 * start); without that file it is computed here.
 */
export function toolFingerprint(root: string = toolRoot()): string {
  try {
    // `<sha256> <size of dist/citeproof.cjs>`: a bundle changed since (rebuilt another way,
    // edited by hand) has another size, and the fingerprint is computed afresh.
    const [stored, size] = readFileSync(path.join(root, 'dist', fingerprintFile), 'utf8').split(
      ' ',
    );
    const bundle = statSync(path.join(root, 'dist', 'citeproof.cjs'));
    if (stored && /^[0-9a-f]{64}$/.test(stored) && Number(size) === bundle.size) return stored;
  } catch {
    // No stored fingerprint or no bundle: computed below.
  }
  return computeToolFingerprint(root);
}

/** The file in dist/ where scripts/bundle.mjs stores the tool's fingerprint. */
export const fingerprintFile = 'fingerprint';

/** The fingerprint of the tool in `root`: its package.json and every `.js`/`.cjs` file of its dist/. */
export function computeToolFingerprint(root: string): string {
  const dist = path.join(root, 'dist');
  const hash = createHash('sha256');
  hash.update(readFileSync(path.join(root, 'package.json')));
  const names = existsSync(dist) ? readdirSync(dist, { recursive: true }).map(String) : [];
  for (const name of names.sort()) {
    if (/\.c?js$/.test(name)) hash.update(name).update(readFileSync(path.join(dist, name)));
  }
  return hash.digest('hex');
}

export { sha256 } from './hash.js';

/** The key of an article's entry: the command and the absolute path. */
export function entryKey(kind: CacheKind, absolutePath: string): string {
  return `${kind}:${absolutePath}`;
}

/**
 * Where the cache lives by default, as eslint, babel and prettier keep theirs:
 * `node_modules/.cache/citeproof` of the nearest package (a folder with
 * package.json and node_modules) above `cwd`; else the user's cache folder
 * (`$XDG_CACHE_HOME`, `~/Library/Caches`, `%LOCALAPPDATA%`), in a subfolder per
 * working folder.
 */
export function defaultCacheLocation(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): string {
  for (let folder = path.resolve(cwd); ; folder = path.dirname(folder)) {
    if (
      existsSync(path.join(folder, 'package.json')) &&
      isFolder(path.join(folder, 'node_modules'))
    )
      return path.join(folder, 'node_modules', '.cache', 'citeproof');
    if (path.dirname(folder) === folder) break;
  }
  const home = env['HOME'] || homedir();
  const base =
    env['XDG_CACHE_HOME'] ||
    (platform === 'darwin'
      ? path.join(home, 'Library', 'Caches')
      : platform === 'win32'
        ? (env['LOCALAPPDATA'] ?? path.join(home, 'AppData', 'Local'))
        : path.join(home, '.cache'));
  return path.join(base, 'citeproof', sha256(path.resolve(cwd)).slice(0, 16));
}

function isFolder(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** A cache, or why it cannot be used (`problem`: one line). */
export type Loaded = { cache: Cache } | { problem: string };

/**
 * Load the cache in `folder`. Missing, of another format or tool: an empty
 * cache. Entries that do not match the schema or their digest are dropped (and
 * so recomputed). A cache that cannot be read (permissions, not a folder) is a
 * problem, and the run goes without one.
 */
export async function loadCache(folder: string, tool: string): Promise<Loaded> {
  const empty: Cache = { tool, run: 0, entries: {} };
  let text: string;
  try {
    text = await readFile(path.join(folder, cacheFile), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { cache: empty };
    return { problem: `cannot read the cache in ${folder} (${describe(error)})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { cache: empty };
  }
  if (
    !isRecord(data) ||
    data['version'] !== cacheVersion ||
    data['tool'] !== tool ||
    !isCount(data['run']) ||
    !isRecord(data['entries'])
  )
    return { cache: empty };
  const entries: Record<string, CacheEntry> = {};
  for (const [key, entry] of Object.entries(data['entries']))
    if (isEntry(entry) && key.startsWith(`${entry.kind}:`)) entries[key] = entry;
  return { cache: { tool, run: data['run'], entries } };
}

/** A cache entry with its digest. */
export function makeEntry(fields: Omit<CacheEntry, 'digest'>): CacheEntry {
  return { ...fields, digest: digestOf(fields) };
}

/** The cache entry for a verdict, if it is valid for these source and context hashes. */
export function lookUp(
  cache: Cache,
  key: string,
  source: string,
  context: string,
): CacheEntry | undefined {
  const entry = cache.entries[key];
  if (!entry || entry.source !== source || entry.context !== context) return undefined;
  return entry;
}

/**
 * Save the cache atomically, pruned: entries used by this run are kept, and of
 * the others those used in the last `cacheBounds.runs` runs, up to
 * `cacheBounds.extraEntries` of them.
 */
export async function saveCache(folder: string, cache: Cache): Promise<void> {
  const current = cache.run;
  const recent = Object.entries(cache.entries)
    .filter(([, entry]) => entry.used > current - cacheBounds.runs)
    .sort(([, a], [, b]) => b.used - a.used);
  const kept = recent.filter(
    ([, entry], index) => entry.used === current || index < cacheBounds.extraEntries,
  );
  const content = JSON.stringify({
    version: cacheVersion,
    tool: cache.tool,
    run: current,
    entries: Object.fromEntries(kept),
  });
  await mkdir(folder, { recursive: true });
  await writeAtomically([{ path: path.join(folder, cacheFile), content }]);
}

/** Whether every edition a cache entry recorded is still on disk with the same bytes. */
export async function editionsIntact(
  cwd: string,
  editions: Record<string, string>,
): Promise<boolean> {
  for (const [file, hash] of Object.entries(editions)) {
    try {
      if (sha256(await readFile(path.resolve(cwd, file))) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** One line for a file-system error. */
export function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'permission denied';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file is in the way of its folder';
  if (code === 'EISDIR') return 'its file is a folder';
  if (code === 'ENOSPC') return 'no space left on the device';
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

function digestOf(fields: Omit<CacheEntry, 'digest'>): string {
  return sha256(
    JSON.stringify([
      fields.kind,
      fields.source,
      fields.context,
      fields.messages,
      fields.editions ?? null,
      fields.inputs ?? null,
    ]),
  );
}

// The schema of an entry, checked field by field on read: the cache is data from
// disk, and a hand-edited or damaged entry must be ignored, never trusted.

function isEntry(value: unknown): value is CacheEntry {
  if (!isRecord(value)) return false;
  const { kind, source, context, messages, editions, inputs, used, digest } = value;
  if (
    !(kind === 'check' || kind === 'build') ||
    !isHash(source) ||
    !isHash(context) ||
    !Array.isArray(messages) ||
    !messages.every(isMessage) ||
    (editions !== undefined &&
      !(isRecord(editions) && Object.values(editions).every((hash) => isHash(hash)))) ||
    (kind === 'check' && editions !== undefined) ||
    (inputs !== undefined &&
      !(
        isRecord(inputs) && Object.values(inputs).every((hash) => hash === null || isHash(hash))
      )) ||
    !isCount(used) ||
    !isHash(digest)
  )
    return false;
  const fields = {
    kind,
    source,
    context,
    messages,
    used,
    ...(editions ? { editions } : {}),
    ...(inputs ? { inputs } : {}),
  };
  return digestOf(fields as Omit<CacheEntry, 'digest'>) === digest;
}

const messageKeys = new Set(['reason', 'ruleId', 'source', 'fatal', 'place', 'cause']);

function isMessage(value: unknown): value is MessageRecord {
  if (!isRecord(value) || !Object.keys(value).every((key) => messageKeys.has(key))) return false;
  const { reason, ruleId, source, fatal, place, cause } = value;
  return (
    typeof reason === 'string' &&
    (ruleId === undefined ||
      (typeof ruleId === 'string' &&
        /^[a-z][a-z-]*$/.test(ruleId) &&
        !unprocessableIds.has(ruleId))) &&
    (source === undefined || source === 'citeproof') &&
    (fatal === undefined || typeof fatal === 'boolean') &&
    (place === undefined || isPlace(place)) &&
    (cause === undefined ||
      (isRecord(cause) &&
        typeof cause['reason'] === 'string' &&
        (cause['place'] === undefined || isPlace(cause['place']))))
  );
}

function isPlace(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if ('start' in value) return isPoint(value['start']) && isPoint(value['end']);
  return isPoint(value);
}

function isPoint(value: unknown): boolean {
  return (
    isRecord(value) &&
    isCount(value['line']) &&
    value['line'] >= 1 &&
    isCount(value['column']) &&
    value['column'] >= 1 &&
    (value['offset'] === undefined || isCount(value['offset']))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isHash(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
