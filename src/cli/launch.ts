import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';
import { speedPaths } from '../speed/index.js';
import { deferTierUp, type TierUp } from './tier-up.js';

/**
 * Start-up (used by the bin and the worker threads): run the CommonJS bundle
 * of dist/ with V8's code cache, so a cold process does not parse and compile again
 * the functions a warm-up run already compiled (about 50 ms of a one-article
 * `build`). The cache sits next to the bundle (`<bundle>.cache`) and starts
 * with the SHA-256 of the bundle and of the Node build it was made by: V8
 * itself checks only the source's length, so a cache from another bundle or
 * Node is refused here (and V8 refuses one made with other flags). Without a
 * usable cache the bundle is compiled as usual, and the main thread makes the
 * cache when the process ends (it is not in the published package, which would
 * carry one valid only for the Node build that packed it); a read-only install
 * simply goes without. `saveCache: false` (the library, dist/index.js) only
 * reads a cache: importing citeproof never writes into the installed package.
 * `deferTierUp: true` (the bin) defers V8's optimizing compiler for the run's first
 * second (tier-up.ts), once the script is compiled.
 */
export function launch(
  bundle: string,
  { saveCache = true, deferTierUp: defer = false } = {},
): Launched {
  const source = readSource(bundle);
  const useCache = speedPaths().codeCache;
  const cachedData = useCache ? usableCache(bundle, source) : undefined;
  const script = new vm.Script(wrap(source), {
    filename: bundle,
    ...(cachedData && { cachedData }),
  });
  const tierUp = defer && isMainThread && speedPaths().deferredTierUp ? deferTierUp() : undefined;
  if (
    saveCache &&
    useCache &&
    isMainThread &&
    plainNode() &&
    (!cachedData || script.cachedDataRejected === true)
  )
    process.once('exit', () => {
      // V8 checks a cache against its flags: the budget goes back first (or no cache).
      if (tierUp === undefined || tierUp.settle()) saveCodeCacheQuietly(bundle, script);
    });
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const module: { exports: Record<string, unknown> } = { exports: {} };
  run.call(
    module.exports,
    module.exports,
    createRequire(bundle),
    module,
    bundle,
    path.dirname(bundle),
  );
  return { script, exports: module.exports, ...(tierUp && { tierUp }) };
}

/**
 * Whether this Node runs without flags on its command line, as the bin is run. A process
 * with flags of its own (`--max-old-space-size`, `--cpu-prof`) neither uses nor replaces
 * the cache of the plain bin: it replaced it on exit, the next plain run found the cache
 * refused and compiled all again, and a profile or a test run left the bin without its
 * cache. NODE_OPTIONS, which a user or a CI sets for every run, is part of the cache's tag
 * instead (`cacheTag`), so those runs keep a cache of their own.
 */
function plainNode(): boolean {
  return process.execArgv.length === 0;
}

/** A launched bundle: its compiled script (to save a cache from) and its exports. */
export interface Launched {
  script: vm.Script;
  exports: Record<string, unknown>;
  /** The deferred tier-up, where it is on (the bin's main thread). */
  tierUp?: TierUp;
}

/** Save the code cache of a launched bundle (after a warm-up run), tagged with the bundle's hash. */
export function saveCodeCache(bundle: string, script: vm.Script): void {
  const source = readSource(bundle);
  const temporary = `${cacheFile(bundle)}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([cacheTag(source, bundle), script.createCachedData()]));
    renameSync(temporary, cacheFile(bundle));
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Save the code cache on a first run, never failing the run (the install may be read-only). */
function saveCodeCacheQuietly(bundle: string, script: vm.Script): void {
  try {
    saveCodeCache(bundle, script);
  } catch {
    // No cache: the next run compiles as this one did.
  }
}

export function cacheFile(bundle: string): string {
  return `${bundle}.cache`;
}

function usableCache(bundle: string, source: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFile(bundle));
  } catch {
    return undefined;
  }
  const tag = cacheTag(source, bundle);
  return data.length > tag.length && data.subarray(0, tag.length).equals(tag)
    ? data.subarray(tag.length)
    : undefined;
}

/**
 * The tag a cache starts with: the SHA-256 of the bundle (its fingerprint, which
 * scripts/bundle.mjs stores beside it, else its source: hashing the 2 MB bundle
 * took 10–30 ms of each start) and of the Node build, its flags and NODE_OPTIONS.
 */
export function cacheTag(source: string, bundle?: string): Buffer {
  return createHash('sha256')
    .update(storedFingerprint(bundle) ?? source)
    .update(
      `\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}\0${process.env['NODE_OPTIONS'] ?? ''}`,
    )
    .digest();
}

/** The tool's fingerprint stored beside the bundle by scripts/bundle.mjs, if any. */
function storedFingerprint(bundle: string | undefined): string | undefined {
  if (bundle === undefined) return undefined;
  try {
    // `<sha256> <size of the bundle>` (scripts/bundle.mjs): trusted only for a bundle of that size.
    const [stored, size] = readFileSync(path.join(path.dirname(bundle), 'fingerprint'), 'utf8')
      .trim()
      .split(' ');
    return stored && /^[0-9a-f]{64}$/.test(stored) && Number(size) === statSync(bundle).size
      ? `fingerprint ${stored}`
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A bundle's source. scripts/bundle.mjs writes it in ASCII (other characters escaped), which
 * reads as Latin-1 a quarter faster than as UTF-8 (15 against 20 ms for the 1.7 MB of
 * dist/citeproof.cjs) to the same string; any other file is read as UTF-8.
 */
function readSource(bundle: string): string {
  const bytes = readFileSync(bundle);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/** The CommonJS module wrapper (the bundles start with a `#!` line only when run directly). */
function wrap(source: string): string {
  const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  return `(function (exports, require, module, __filename, __dirname) {${body}\n})`;
}
