import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type RunOptions, runArticles } from '../src/run/run.js';
import { fixtures, scratchCopy } from './helpers.js';

// The cache serves an article's messages (and skips its build) when its key is unchanged.
// Everything else its result depends on must be in that key, or a stale verdict comes back.

const article = 'source/article.md';
const dayBefore = new Date('2026-11-20T12:00:00Z'); // the access date (28.11.2026) is ahead
const dayAfter = new Date('2026-11-30T12:00:00Z');

async function project(): Promise<{
  cwd: string;
  run: (options?: Partial<RunOptions>) => Promise<string[]>;
}> {
  const cwd = await scratchCopy(path.join(fixtures, 'projects', 'cache-key'));
  const run = async (options: Partial<RunOptions> = {}): Promise<string[]> => {
    const [file] = await runArticles([article], {
      cwd,
      cacheDir: path.join(cwd, '.citeproof-cache'),
      jobs: 1,
      check: { today: dayAfter },
      ...options,
    });
    return (file?.messages ?? []).map((message) => message.ruleId ?? '');
  };
  return { cwd, run };
}

describe('the cache key', () => {
  it('should serve the cached verdict when nothing changed', async () => {
    const { cwd, run } = await project();
    expect(await run()).toEqual(['unused-source']);
    expect(existsSync(path.join(cwd, '.citeproof-cache', 'cache.json'))).toBe(true);
    expect(await run()).toEqual(['unused-source']);
  });

  it('should change with the rule configuration', async () => {
    const { run } = await project();
    expect(await run({ check: { today: dayAfter, rules: { 'unused-source': 'off' } } })).toEqual(
      [],
    );
    expect(await run({ check: { today: dayAfter } })).toEqual(['unused-source']);
    expect(await run({ check: { today: dayAfter, rules: { 'unused-source': 'error' } } })).toEqual([
      'unused-source',
    ]);
  });

  it('should change with the build date', async () => {
    const { run } = await project();
    expect(await run({ check: { today: dayBefore } })).toEqual([
      'invalid-access-date',
      'unused-source',
    ]);
    expect(await run({ check: { today: dayAfter } })).toEqual(['unused-source']);
  });

  it('should change with --strict', async () => {
    const { cwd, run } = await project();
    // Strict: the warning blocks publishing, so nothing is built…
    await run({ out: 'output', strict: true });
    expect(existsSync(path.join(cwd, 'output', 'article.md'))).toBe(false);
    // …and the same article built without --strict must be built, not served from the cache.
    await run({ out: 'output' });
    expect(existsSync(path.join(cwd, 'output', 'article.md'))).toBe(true);
  });

  it('should change with --out', async () => {
    const { cwd, run } = await project();
    await run({ out: 'first' });
    expect(existsSync(path.join(cwd, 'first', 'article.pdf'))).toBe(true);
    await run({ out: 'second' });
    expect(existsSync(path.join(cwd, 'second', 'article.md'))).toBe(true);
    expect(existsSync(path.join(cwd, 'second', 'article.pdf'))).toBe(true);
  });

  it('should change with SOURCE_DATE_EPOCH (the PDF dates come from it)', async () => {
    const { cwd, run } = await project();
    const pdf = path.join(cwd, 'output', 'article.pdf');
    await run({ out: 'output', env: { SOURCE_DATE_EPOCH: '1000000000' } });
    const first = readFileSync(pdf);
    await run({ out: 'output', env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(readFileSync(pdf).equals(first)).toBe(false);
    // Built afresh under the second epoch: the same bytes as a build without a cache.
    const fresh = await scratchCopy(path.join(fixtures, 'projects', 'cache-key'));
    await runArticles([article], {
      cwd: fresh,
      jobs: 1,
      check: { today: dayAfter },
      out: 'output',
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    });
    expect(readFileSync(pdf).equals(readFileSync(path.join(fresh, 'output', 'article.pdf')))).toBe(
      true,
    );
  });

  it('should change with the bytes of a figure: a new chart rebuilds the PDF, a missing one is reported', async () => {
    const cwd = await scratchCopy(path.join(fixtures, 'pdf-figures'), 'source');
    const build = async (): Promise<string[]> => {
      const [file] = await runArticles(['source/figures.md'], {
        cwd,
        cacheDir: path.join(cwd, '.citeproof-cache'),
        jobs: 1,
        check: { today: dayAfter },
        out: 'output',
      });
      return (file?.messages ?? []).map((message) => message.ruleId ?? '');
    };
    const pdf = path.join(cwd, 'output', 'figures.pdf');
    const chart = path.join(cwd, 'source', 'charts', 'exports.png');
    expect(await build()).toEqual([]);
    const first = readFileSync(pdf);
    // Another valid PNG under the same name: the article's text is unchanged, its PDF is not.
    copyFileSync(path.join(fixtures, 'figures', 'charts', 'exports.png'), chart);
    expect(await build()).toEqual([]);
    const second = readFileSync(pdf);
    expect(second.equals(first)).toBe(false);
    // The same bytes as a build without a cache.
    const fresh = await scratchCopy(path.join(fixtures, 'pdf-figures'), 'source');
    copyFileSync(chart, path.join(fresh, 'source', 'charts', 'exports.png'));
    await runArticles(['source/figures.md'], {
      cwd: fresh,
      jobs: 1,
      check: { today: dayAfter },
      out: 'output',
    });
    expect(second.equals(readFileSync(path.join(fresh, 'output', 'figures.pdf')))).toBe(true);
    // Unchanged again: served from the cache, still clean.
    expect(await build()).toEqual([]);
    // The chart deleted: the cached verdict is not served, and the PDF stays as it was.
    rmSync(chart);
    expect(await build()).toEqual(['missing-figure', 'missing-figure']);
    expect(readFileSync(pdf).equals(second)).toBe(true);
  });

  it('should hash the figures only for a cache: a run without one does not read them again', async () => {
    const cwd = await scratchCopy(path.join(fixtures, 'pdf-figures'), 'source');
    const check = async (cacheDir?: string) => {
      const [file] = await runArticles(['source/figures.md'], {
        cwd,
        jobs: 1,
        check: { today: dayAfter },
        ...(cacheDir ? { cacheDir } : {}),
      });
      return file;
    };
    const plain = await check();
    expect(plain?.messages).toEqual([]);
    expect(plain?.data.figureInputs).toBeUndefined();
    const cached = await check(path.join(cwd, '.citeproof-cache'));
    expect(Object.keys(cached?.data.figureInputs ?? {}).map((file) => path.basename(file))).toEqual(
      expect.arrayContaining(['exports.png']),
    );
  });
});
