import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editionsIntact, loadCache, saveCache, sha256, toolFingerprint } from '../src/run/cache.js';
import { root } from './helpers.js';

const scratch = (): string => mkdtempSync(path.join(tmpdir(), 'citeproof-cache-'));

describe('the cache file', () => {
  it('should hash bytes and strings alike (SHA-256, hex)', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256(new TextEncoder().encode('abc'))).toBe(sha256('abc'));
  });

  it('should fingerprint package.json and every compiled module and bundle in dist/', () => {
    // A rebuilt or upgraded tool has another fingerprint, so its cache is not trusted.
    const dist = path.join(root, 'dist');
    const hash = createHash('sha256').update(readFileSync(path.join(root, 'package.json')));
    const names = readdirSync(dist, { recursive: true }).map(String).sort();
    expect(names.some((name) => name.endsWith('.cjs'))).toBe(true);
    expect(names.some((name) => /[/\\].+\.js$/.test(name))).toBe(true);
    for (const name of names.filter((each) => /\.c?js$/.test(each)))
      hash.update(name).update(readFileSync(path.join(dist, name)));
    expect(toolFingerprint()).toBe(hash.digest('hex'));
  });

  it('should save and load its entries, made by the same tool', async () => {
    const folder = path.join(scratch(), 'nested', 'cache');
    const entries = { 'source/a.md': { key: 'k', messages: [], editions: { 'output/a.md': 'h' } } };
    await saveCache(folder, { tool: 'tool-1', entries });
    expect(JSON.parse(readFileSync(path.join(folder, 'cache.json'), 'utf8'))).toEqual({
      tool: 'tool-1',
      entries,
    });
    expect(await loadCache(folder, 'tool-1')).toEqual({ tool: 'tool-1', entries });
  });

  it('should be empty when missing, corrupt, of another tool, or without entries', async () => {
    const empty = { tool: 'tool-1', entries: {} };
    const folder = scratch();
    expect(await loadCache(folder, 'tool-1')).toEqual(empty);
    const write = (value: string): void => writeFileSync(path.join(folder, 'cache.json'), value);
    write('{"tool": "tool-1", "entries": {"a": 1}');
    expect(await loadCache(folder, 'tool-1')).toEqual(empty);
    write('{"tool": "tool-0", "entries": {"a": {"key": "k", "messages": []}}}');
    expect(await loadCache(folder, 'tool-1')).toEqual(empty);
    write('{"tool": "tool-1", "entries": null}');
    expect(await loadCache(folder, 'tool-1')).toEqual(empty);
    write('{"tool": "tool-1", "entries": "none"}');
    expect(await loadCache(folder, 'tool-1')).toEqual(empty);
    write('{"tool": "tool-1"}');
    expect(await loadCache(folder, 'tool-1')).toEqual(empty);
  });

  it('should trust recorded editions only while every one is on disk with its bytes', async () => {
    const cwd = scratch();
    mkdirSync(path.join(cwd, 'output'));
    writeFileSync(path.join(cwd, 'output', 'a.md'), 'A');
    writeFileSync(path.join(cwd, 'output', 'a.pdf'), 'P');
    const both = { 'output/a.md': sha256('A'), 'output/a.pdf': sha256('P') };
    expect(await editionsIntact(cwd, both)).toBe(true);
    expect(await editionsIntact(cwd, {})).toBe(true);
    expect(await editionsIntact(cwd, { ...both, 'output/a.pdf': sha256('other') })).toBe(false);
    expect(await editionsIntact(cwd, { ...both, 'output/gone.pdf': sha256('P') })).toBe(false);
  });
});
