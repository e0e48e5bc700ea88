import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFile, cacheTag, launch, saveCodeCache } from '../src/cli/launch.js';

/** A bundle that records which version of it ran. */
function bundle(folder: string, version: string): string {
  const file = path.join(folder, 'bundle.cjs');
  writeFileSync(
    file,
    `#!/usr/bin/env node\nfunction mark(v) { return v; }\nglobalThis.launched = mark('${version}');\nmodule.exports = { name: require('node:path').basename(__filename) };\n`,
  );
  return file;
}

const launched = (): unknown => (globalThis as { launched?: unknown }).launched;

describe('launch (code cache)', () => {
  it('should run a bundle with CommonJS globals and save a cache tagged with its hash', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'citeproof-launch-'));
    const file = bundle(folder, 'one');
    const { script, exports } = launch(file);
    expect(launched()).toBe('one');
    expect(exports).toEqual({ name: 'bundle.cjs' });
    saveCodeCache(file, script);
    const cache = readFileSync(cacheFile(file));
    const tag = cacheTag(readFileSync(file, 'utf8'));
    expect(tag.equals(createHash('sha256').update(readFileSync(file, 'utf8')).digest())).toBe(
      false,
    );
    expect(cache.subarray(0, tag.length).equals(tag)).toBe(true);
    expect(cache.length).toBeGreaterThan(tag.length);
    launch(file);
    expect(launched()).toBe('one');
  });

  it('should refuse a cache made from another bundle of the same length (V8 checks only the length)', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'citeproof-launch-'));
    const file = bundle(folder, 'one');
    saveCodeCache(file, launch(file).script);
    bundle(folder, 'two');
    expect(existsSync(cacheFile(file))).toBe(true);
    launch(file);
    expect(launched()).toBe('two');
  });

  it('should run a bundle whose cache is damaged or cut short', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'citeproof-launch-'));
    const file = bundle(folder, 'three');
    saveCodeCache(file, launch(file).script);
    const cache = readFileSync(cacheFile(file));
    for (let index = 40; index < cache.length; index += 7)
      cache[index] = (cache[index] ?? 0) ^ 0xff;
    writeFileSync(cacheFile(file), cache);
    (globalThis as { launched?: unknown }).launched = undefined;
    launch(file);
    expect(launched()).toBe('three');
    writeFileSync(cacheFile(file), cache.subarray(0, 20));
    (globalThis as { launched?: unknown }).launched = undefined;
    launch(file);
    expect(launched()).toBe('three');
  });
});
