import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Cache,
  type CacheEntry,
  cacheBounds,
  computeToolFingerprint,
  defaultCacheLocation,
  describe as describeError,
  editionsIntact,
  entryKey,
  loadCache,
  lookUp,
  makeEntry,
  saveCache,
  sha256,
  toolFingerprint,
} from '../src/run/cache.js';

// The cache file in process (the CLI's use of it: reliability.test.ts, cache-key.test.ts):
// a file on disk is data, so every field of every entry is checked before it is trusted.

const scratch = (): string => mkdtempSync(path.join(tmpdir(), 'citeproof-cache-file-'));
const hash = 'a'.repeat(64);
const other = 'b'.repeat(64);

/** An entry with every optional part, as a build writes it. */
const buildFields = (): Omit<CacheEntry, 'digest'> => ({
  kind: 'build',
  source: hash,
  context: other,
  messages: [
    {
      reason: 'Unexpected unused source',
      ruleId: 'unused-source',
      source: 'citeproof',
      fatal: false,
      place: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 9 } },
      cause: { reason: 'first here', place: { line: 1, column: 2 } },
    },
    { reason: 'no place' },
    { reason: 'a cause without a place', cause: { reason: 'first here' } },
  ],
  editions: { 'output/a.md': hash, 'output/a.pdf': other },
  inputs: { '/project/source/chart.png': hash, '/project/source/gone.png': null },
  used: 4,
});

async function roundTrip(entries: Record<string, unknown>): Promise<Record<string, CacheEntry>> {
  const folder = scratch();
  writeFileSync(
    path.join(folder, 'cache.json'),
    JSON.stringify({ version: 3, tool: 'tool-1', run: 4, entries }),
  );
  const loaded = await loadCache(folder, 'tool-1');
  if (!('cache' in loaded)) throw new Error(loaded.problem);
  return loaded.cache.entries;
}

/** An entry whose digest matches its (damaged) fields: only the schema check can drop it. */
const damaged = (change: Record<string, unknown>): unknown =>
  makeEntry({ ...buildFields(), ...change } as Omit<CacheEntry, 'digest'>);
const withMessage = (message: Record<string, unknown>): unknown => damaged({ messages: [message] });
const withPlace = (place: unknown): unknown => withMessage({ reason: 'r', place });

describe('the cache file', () => {
  it('should save and load entries with every optional part, and a check entry without them', async () => {
    const folder = path.join(scratch(), 'nested', 'cache');
    const build = makeEntry(buildFields());
    const check = makeEntry({ kind: 'check', source: hash, context: hash, messages: [], used: 4 });
    const cache: Cache = {
      tool: 'tool-1',
      run: 4,
      entries: { 'build:/a.md': build, 'check:/a.md': check },
    };
    await saveCache(folder, cache);
    expect(JSON.parse(readFileSync(path.join(folder, 'cache.json'), 'utf8'))).toMatchObject({
      version: 3,
      tool: 'tool-1',
      run: 4,
    });
    expect(await loadCache(folder, 'tool-1')).toEqual({ cache });
  });

  it('should be empty when missing, not JSON, of another version or tool, or with a bad run or entries', async () => {
    const folder = scratch();
    const empty = { cache: { tool: 'tool-1', run: 0, entries: {} } };
    expect(await loadCache(folder, 'tool-1')).toEqual(empty);
    const entries = {
      'check:/a.md': makeEntry({
        kind: 'check',
        source: hash,
        context: hash,
        messages: [],
        used: 1,
      }),
    };
    const good = { version: 3, tool: 'tool-1', run: 1, entries };
    for (const data of [
      '{"version": 3',
      JSON.stringify([good]),
      JSON.stringify(null),
      JSON.stringify({ ...good, version: 2 }),
      JSON.stringify({ ...good, tool: 'tool-0' }),
      JSON.stringify({ ...good, run: -1 }),
      JSON.stringify({ ...good, run: 1.5 }),
      JSON.stringify({ ...good, run: '1' }),
      JSON.stringify({ ...good, entries: null }),
      JSON.stringify({ ...good, entries: [entries['check:/a.md']] }),
    ]) {
      writeFileSync(path.join(folder, 'cache.json'), data);
      expect(await loadCache(folder, 'tool-1'), data).toEqual(empty);
    }
    writeFileSync(path.join(folder, 'cache.json'), JSON.stringify(good));
    expect(await loadCache(folder, 'tool-1')).toEqual({
      cache: { tool: 'tool-1', run: 1, entries },
    });
  });

  it('should say why a cache that is not a readable file cannot be used', async () => {
    const folder = scratch();
    writeFileSync(path.join(folder, 'file'), '');
    expect(await loadCache(path.join(folder, 'file'), 'tool-1')).toEqual({
      problem: `cannot read the cache in ${path.join(folder, 'file')} (a file is in the way of its folder)`,
    });
    mkdirSync(path.join(folder, 'cache.json'));
    expect(await loadCache(folder, 'tool-1')).toEqual({
      problem: `cannot read the cache in ${folder} (its file is a folder)`,
    });
  });

  it('should drop every entry that does not match the schema, even with a matching digest', async () => {
    const valid = makeEntry(buildFields());
    const cases: Record<string, unknown> = {
      'not a record': 'entry',
      null: null,
      array: [valid],
      kind: damaged({ kind: 'edit' }),
      'source not a hash': damaged({ source: 'abc' }),
      'source in upper case': damaged({ source: hash.toUpperCase() }),
      'source a number': damaged({ source: 5 }),
      'context not a hash': damaged({ context: `${hash}0` }),
      'messages not a list': damaged({ messages: {} }),
      'a message not a record': damaged({ messages: ['text'] }),
      'a message with an unknown key': withMessage({ reason: 'r', line: 1 }),
      'a reason not a string': withMessage({ reason: 5 }),
      'a rule id not a string': withMessage({ reason: 'r', ruleId: 5 }),
      'a rule id in capitals': withMessage({ reason: 'r', ruleId: 'Unused-source' }),
      'a rule id with a digit': withMessage({ reason: 'r', ruleId: 'unused-source2' }),
      'a rule id of an input not processed': withMessage({ reason: 'r', ruleId: 'parse-error' }),
      'another source': withMessage({ reason: 'r', source: 'remark-lint' }),
      'fatal not a boolean': withMessage({ reason: 'r', fatal: 'yes' }),
      'a place not a record': withPlace('3:1'),
      'a place with a bad start': withPlace({
        start: { line: 0, column: 1 },
        end: { line: 1, column: 1 },
      }),
      'a place with a bad end': withPlace({ start: { line: 1, column: 1 }, end: { line: 1 } }),
      'line 0': withPlace({ line: 0, column: 1 }),
      'column 0': withPlace({ line: 1, column: 0 }),
      'a line not a whole number': withPlace({ line: 1.5, column: 1 }),
      'a column not a number': withPlace({ line: 1, column: '1' }),
      'an offset below 0': withPlace({ line: 1, column: 1, offset: -1 }),
      'a point not a record': withPlace({ start: 1, end: 2 }),
      'a cause not a record': withMessage({ reason: 'r', cause: 'first' }),
      'a cause without a reason': withMessage({
        reason: 'r',
        cause: { place: { line: 1, column: 1 } },
      }),
      'a cause with a bad place': withMessage({
        reason: 'r',
        cause: { reason: 'c', place: { line: 0, column: 1 } },
      }),
      'editions not a record': damaged({ editions: [hash] }),
      'an edition hash not a hash': damaged({
        editions: { 'output/a.md': hash, 'output/a.pdf': 'x' },
      }),
      'inputs not a record': damaged({ inputs: [hash] }),
      'an input hash not a hash': damaged({ inputs: { '/a.png': hash, '/b.png': 'x' } }),
      'used below 0': damaged({ used: -1 }),
      'used not a safe integer': damaged({ used: 2 ** 53 }),
      'used a string': damaged({ used: '4' }),
      'a digest not a hash': { ...valid, digest: 'x' },
      'a digest of other fields': { ...valid, digest: other },
      'a check entry with editions': damaged({ kind: 'check' }),
    };
    const entries = Object.fromEntries(
      Object.entries(cases).map(([name, entry]) => [
        `${(entry as { kind?: string } | null)?.kind ?? 'build'}:/${name}.md`,
        entry,
      ]),
    );
    expect(Object.keys(await roundTrip(entries))).toEqual([]);
    // Each field of the digest counts: changed after the entry was made, the entry is dropped.
    for (const change of [
      { source: other },
      { context: hash },
      { messages: [] },
      { editions: {} },
      { inputs: {} },
    ])
      expect(
        await roundTrip({ 'build:/a.md': { ...valid, ...change } }),
        JSON.stringify(change),
      ).toEqual({});
    // Filed under another command's key.
    expect(await roundTrip({ 'check:/a.md': valid, 'build/a.md': valid })).toEqual({});
    expect(await roundTrip({ 'build:/a.md': valid })).toEqual({ 'build:/a.md': valid });
  });

  it('should key an entry by command and absolute path, and find it only for the same source and context', () => {
    const entry = makeEntry({ kind: 'check', source: hash, context: other, messages: [], used: 1 });
    const cache: Cache = { tool: 't', run: 1, entries: { [entryKey('check', '/a.md')]: entry } };
    expect(entryKey('check', '/a.md')).toBe('check:/a.md');
    expect(lookUp(cache, 'check:/a.md', hash, other)).toBe(entry);
    expect(lookUp(cache, 'check:/a.md', other, other)).toBeUndefined();
    expect(lookUp(cache, 'check:/a.md', hash, hash)).toBeUndefined();
    expect(lookUp(cache, 'build:/a.md', hash, other)).toBeUndefined();
  });

  it(`should keep the entries of the last ${cacheBounds.runs} runs, most recently used first, up to the bound`, async () => {
    const entry = (used: number): CacheEntry =>
      makeEntry({ kind: 'check', source: hash, context: hash, messages: [], used });
    const folder = scratch();
    const saved = async (cache: Cache): Promise<string[]> => {
      await saveCache(folder, cache);
      const loaded = await loadCache(folder, 't');
      return 'cache' in loaded ? Object.keys(loaded.cache.entries) : [];
    };
    const run = 20;
    const recent = {
      'check:/oldest.md': entry(run - cacheBounds.runs + 1),
      'check:/now.md': entry(run),
    };
    expect(
      (
        await saved({
          tool: 't',
          run,
          entries: { 'check:/too-old.md': entry(run - cacheBounds.runs), ...recent },
        })
      ).sort(),
    ).toEqual(['check:/now.md', 'check:/oldest.md']);
    // One more entry than the bound: the least recently used one goes.
    const many: Record<string, CacheEntry> = { 'check:/least.md': entry(run - 2) };
    for (let index = 0; index < cacheBounds.extraEntries; index++)
      many[`check:/${index}.md`] = entry(run - 1);
    const kept = await saved({ tool: 't', run, entries: many });
    expect(kept).toHaveLength(cacheBounds.extraEntries);
    expect(kept).not.toContain('check:/least.md');
    // Every entry the last run used is kept, however many.
    const current: Record<string, CacheEntry> = {};
    for (let index = 0; index <= cacheBounds.extraEntries; index++)
      current[`check:/${index}.md`] = entry(run);
    expect(await saved({ tool: 't', run, entries: current })).toHaveLength(
      cacheBounds.extraEntries + 1,
    );
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

  it('should describe a file-system error in one line', () => {
    for (const code of ['EACCES', 'EPERM', 'EROFS'])
      expect(describeError({ code })).toBe('permission denied');
    for (const code of ['ENOTDIR', 'EEXIST'])
      expect(describeError({ code })).toBe('a file is in the way of its folder');
    expect(describeError({ code: 'EISDIR' })).toBe('its file is a folder');
    expect(describeError({ code: 'ENOSPC' })).toBe('no space left on the device');
    expect(describeError(new Error('first line\nsecond line'))).toBe('first line');
    expect(describeError('a string\nthrown')).toBe('a string');
    expect(describeError(undefined)).toBe('undefined');
  });
});

describe('the tool fingerprint', () => {
  /** A tool's folder: package.json and a dist/ with modules, a bundle and a file that is not code. */
  function tool(): string {
    const root = scratch();
    mkdirSync(path.join(root, 'dist', 'run'), { recursive: true });
    writeFileSync(path.join(root, 'package.json'), '{"version": "1.0.0"}');
    writeFileSync(path.join(root, 'dist', 'citeproof.cjs'), 'bundle');
    writeFileSync(path.join(root, 'dist', 'run', 'cache.js'), 'module');
    writeFileSync(path.join(root, 'dist', 'notes.txt'), 'not code');
    writeFileSync(path.join(root, 'dist', 'data.json'), '{}');
    return root;
  }

  it('should fingerprint package.json and every .js and .cjs file of dist/, by name and bytes', () => {
    const root = tool();
    const expected = createHash('sha256')
      .update('{"version": "1.0.0"}')
      .update('citeproof.cjs')
      .update('bundle')
      .update(path.join('run', 'cache.js'))
      .update('module')
      .digest('hex');
    expect(computeToolFingerprint(root)).toBe(expected);
    expect(toolFingerprint(root)).toBe(expected);
    writeFileSync(path.join(root, 'dist', 'notes.txt'), 'changed');
    writeFileSync(path.join(root, 'dist', 'data.json'), '[]');
    expect(computeToolFingerprint(root)).toBe(expected);
  });

  it('should fingerprint package.json alone when there is no dist/ (run from the sources)', () => {
    const root = scratch();
    writeFileSync(path.join(root, 'package.json'), '{}');
    expect(computeToolFingerprint(root)).toBe(sha256('{}'));
  });

  it('should trust the stored fingerprint only for a bundle of the size it was stored for', () => {
    const root = tool();
    const computed = computeToolFingerprint(root);
    const store = (text: string): void =>
      writeFileSync(path.join(root, 'dist', 'fingerprint'), text);
    store(`${other} ${'bundle'.length}`);
    expect(toolFingerprint(root)).toBe(other);
    store(`${other} ${'bundle'.length + 1}`);
    expect(toolFingerprint(root)).toBe(computed);
    store(`${other.slice(1)} ${'bundle'.length}`);
    expect(toolFingerprint(root)).toBe(computed);
    store(`x${other} ${'bundle'.length}`);
    expect(toolFingerprint(root)).toBe(computed);
    store(`${other}x ${'bundle'.length}`);
    expect(toolFingerprint(root)).toBe(computed);
  });
});

describe('the default cache location', () => {
  it('should be node_modules/.cache/citeproof of the nearest package above the working folder', () => {
    const project = scratch();
    writeFileSync(path.join(project, 'package.json'), '{}');
    mkdirSync(path.join(project, 'node_modules'));
    mkdirSync(path.join(project, 'source', 'deep'), { recursive: true });
    const expected = path.join(project, 'node_modules', '.cache', 'citeproof');
    expect(defaultCacheLocation(project, {})).toBe(expected);
    expect(defaultCacheLocation(path.join(project, 'source', 'deep'), {})).toBe(expected);
    // A package.json without node_modules, or with a file of that name, is not a package here.
    const inner = path.join(project, 'source');
    writeFileSync(path.join(inner, 'package.json'), '{}');
    expect(defaultCacheLocation(path.join(inner, 'deep'), {})).toBe(expected);
    writeFileSync(path.join(inner, 'node_modules'), '');
    expect(defaultCacheLocation(path.join(inner, 'deep'), {})).toBe(expected);
    // Nor is a node_modules folder without a package.json.
    mkdirSync(path.join(inner, 'deep', 'node_modules'));
    expect(defaultCacheLocation(path.join(inner, 'deep'), {})).toBe(expected);
  });

  it('should be the user cache folder, one subfolder per working folder, outside any package', () => {
    const cwd = scratch();
    const sub = sha256(path.resolve(cwd)).slice(0, 16);
    const env = { HOME: '/home/ada' };
    expect(defaultCacheLocation(cwd, { ...env, XDG_CACHE_HOME: '/xdg' })).toBe(
      path.join('/xdg', 'citeproof', sub),
    );
    expect(defaultCacheLocation(cwd, env, 'linux')).toBe(
      path.join('/home/ada', '.cache', 'citeproof', sub),
    );
    expect(defaultCacheLocation(cwd, env, 'darwin')).toBe(
      path.join('/home/ada', 'Library', 'Caches', 'citeproof', sub),
    );
    expect(defaultCacheLocation(cwd, { ...env, LOCALAPPDATA: 'C:/Local' }, 'win32')).toBe(
      path.join('C:/Local', 'citeproof', sub),
    );
    expect(defaultCacheLocation(cwd, env, 'win32')).toBe(
      path.join('/home/ada', 'AppData', 'Local', 'citeproof', sub),
    );
    expect(defaultCacheLocation(cwd, { HOME: '' }, 'linux')).toBe(
      path.join(homedir(), '.cache', 'citeproof', sub),
    );
  });
});
