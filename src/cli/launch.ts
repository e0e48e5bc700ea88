import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { speedPaths } from '../speed/index.js';

/**
 * Start-up (used by the bin and the worker threads): run the CommonJS bundle
 * of dist/ with V8's code cache, so a cold process does not parse and compile again
 * the functions a warm-up run already compiled (about 50 ms of a one-article
 * `build`). The cache sits next to the bundle (`<bundle>.cache`) and starts
 * with the SHA-256 of the bundle it was made from: V8 itself checks only the
 * source's length, so a cache from another bundle is refused here, and V8
 * refuses one from another Node version or other flags. Without a usable
 * cache the bundle is compiled as usual.
 */
export function launch(bundle: string): Launched {
  const source = readFileSync(bundle, 'utf8');
  const cachedData = speedPaths().codeCache ? usableCache(bundle, source) : undefined;
  const script = new vm.Script(wrap(source), {
    filename: bundle,
    ...(cachedData && { cachedData }),
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
  return { script, exports: module.exports };
}

/** A launched bundle: its compiled script (to save a cache from) and its exports. */
export interface Launched {
  script: vm.Script;
  exports: Record<string, unknown>;
}

/** Save the code cache of a launched bundle (after a warm-up run), tagged with the bundle's hash. */
export function saveCodeCache(bundle: string, script: vm.Script): void {
  const source = readFileSync(bundle, 'utf8');
  writeFileSync(cacheFile(bundle), Buffer.concat([digest(source), script.createCachedData()]));
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
  const tag = digest(source);
  return data.length > tag.length && data.subarray(0, tag.length).equals(tag)
    ? data.subarray(tag.length)
    : undefined;
}

function digest(source: string): Buffer {
  return createHash('sha256').update(source).digest();
}

/** The CommonJS module wrapper (the bundles start with a `#!` line only when run directly). */
function wrap(source: string): string {
  const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  return `(function (exports, require, module, __filename, __dirname) {${body}\n})`;
}
