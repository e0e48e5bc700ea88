import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFile, cacheTag, launch, saveCodeCache } from '../src/cli/launch.js';
import { computeToolFingerprint, toolFingerprint } from '../src/run/cache.js';
import { root } from './helpers.js';

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

  it('should read a bundle that is not ASCII as UTF-8 (dist/citeproof.cjs is ASCII, read as Latin-1)', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'citeproof-launch-'));
    for (const version of ['İstanbul — Алматы', 'plain ASCII']) {
      const file = bundle(folder, version);
      launch(file);
      expect(launched()).toBe(version);
    }
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

describe('the stored tool fingerprint', () => {
  it('should be trusted only for a bundle of the size it was stored for', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'citeproof-fingerprint-'));
    mkdirSync(path.join(root, 'dist'));
    writeFileSync(path.join(root, 'package.json'), '{"name":"x","version":"1.0.0"}\n');
    writeFileSync(path.join(root, 'dist', 'citeproof.cjs'), 'module.exports = 1;\n');
    const stored = 'a'.repeat(64);
    writeFileSync(path.join(root, 'dist', 'fingerprint'), `${stored} 20\n`);
    expect(toolFingerprint(root)).toBe(stored);
    // The bundle changed (another size): the fingerprint is computed from the files.
    writeFileSync(path.join(root, 'dist', 'citeproof.cjs'), 'module.exports = 22;\n');
    expect(toolFingerprint(root)).toBe(computeToolFingerprint(root));
    expect(toolFingerprint(root)).not.toBe(stored);
  });
});

/** Run `launch(file, options)` in a process of its own (flags before the script), its status. */
function launchInProcess(
  file: string,
  options: string,
  flags: string[] = [],
  extraEnv: Record<string, string> = {},
): number | null {
  const script = path.join(path.dirname(file), 'launch-it.mjs');
  writeFileSync(
    script,
    `import { launch } from ${JSON.stringify(path.join(root, 'dist', 'cli', 'launch.js'))};
     if (launch(${JSON.stringify(file)}, ${options}).exports.answer !== 42) process.exit(3);\n`,
  );
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  delete env['CITEPROOF_CODE_CACHE'];
  delete env['CITEPROOF_REFERENCE'];
  const child = spawnSync(process.execPath, [...flags, script], {
    encoding: 'utf8',
    env: { ...env, ...extraEnv },
  });
  expect(child.stderr).toBe('');
  return child.status;
}

function answering(prefix: string): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(folder, 'bundle.cjs');
  writeFileSync(file, 'module.exports.answer = 42;\n');
  return file;
}

describe('launching as a library', () => {
  it('should not write a code cache when asked not to (the library never writes into its package)', () => {
    const file = answering('citeproof-library-');
    expect(launchInProcess(file, '{ saveCache: false }')).toBe(0);
    expect(existsSync(cacheFile(file))).toBe(false);
    expect(launchInProcess(file, '{}')).toBe(0);
    expect(existsSync(cacheFile(file))).toBe(true);
  });
});

describe('launching with flags of Node', () => {
  it("should neither write nor replace the plain bin's cache from a process with other flags", () => {
    const file = answering('citeproof-flags-');
    expect(launchInProcess(file, '{}', ['--max-old-space-size=256'])).toBe(0);
    expect(existsSync(cacheFile(file))).toBe(false);
    expect(launchInProcess(file, '{}')).toBe(0);
    const plain = readFileSync(cacheFile(file));
    expect(launchInProcess(file, '{}', ['--stack-size=900'])).toBe(0);
    expect(readFileSync(cacheFile(file)).equals(plain)).toBe(true);
  });

  it('should keep a cache of their own for runs under NODE_OPTIONS, which a plain run never takes', () => {
    const file = answering('citeproof-node-options-');
    const options = { NODE_OPTIONS: '--no-warnings' };
    expect(launchInProcess(file, '{}', [], options)).toBe(0);
    const underOptions = readFileSync(cacheFile(file));
    expect(launchInProcess(file, '{}', [], options)).toBe(0);
    expect(readFileSync(cacheFile(file)).equals(underOptions)).toBe(true);
    expect(launchInProcess(file, '{}')).toBe(0);
    const plain = readFileSync(cacheFile(file));
    expect(plain.subarray(0, 32).equals(underOptions.subarray(0, 32))).toBe(false);
  });
});
