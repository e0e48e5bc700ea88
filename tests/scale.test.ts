import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import type { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { main, parseShard } from '../src/cli/main.js';
import { workerCount } from '../src/run/pool.js';
import { worthThreads } from '../src/run/run.js';
import { progressLine, progressReporter } from '../src/run/progress.js';
import { captureIo, fixtures, root } from './helpers.js';

const bin = path.join(root, 'dist', 'cli.js');
const env = { PATH: process.env['PATH'] ?? '' };
let corpus: string;

/** The real bin, spawned. */
function spawned(args: string[], cwd = corpus): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout };
}

/** The same command through `main(io)` in this process (the bin's code, without its start-up). */
async function run(args: string[], cwd = corpus): Promise<{ status: number; stdout: string }> {
  const io = captureIo(args, cwd, env);
  const status = await main(io);
  return { status, stdout: io.out() };
}

beforeAll(() => {
  corpus = mkdtempSync(path.join(tmpdir(), 'citeproof-scale-'));
  execFileSync(
    process.execPath,
    [path.join(root, 'bench', 'gen-corpus.mjs'), path.join(corpus, 'articles'), '120', '11'],
    { stdio: 'ignore' },
  );
  rmSync(path.join(corpus, 'articles', 'expected.json'));
});

describe('corpus mode', () => {
  it('should give the same report, in the same order, on worker threads and in one thread', () => {
    const threads = spawned(['check', 'articles', '--format', 'json', '--no-cache', '--jobs', '2']);
    const single = spawned(['check', 'articles', '--format', 'json', '--no-cache', '--jobs', '1']);
    expect(threads.status).toBe(1);
    expect(threads.stdout).toBe(single.stdout);
    const paths = (JSON.parse(threads.stdout) as Array<{ path: string }>).map((file) => file.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toHaveLength(120);
  });

  it('should use threads only when they pay off, and as many as --jobs asks for', () => {
    const cores = Math.min(availableParallelism(), 8);
    expect(workerCount(120)).toBe(0);
    expect(workerCount(1999)).toBe(Math.min(cores, 1));
    expect(workerCount(10_000)).toBe(Math.min(cores, 10));
    expect(workerCount(120, undefined, true)).toBe(Math.min(cores, 5));
    expect(workerCount(20, undefined, true)).toBe(0);
    expect(workerCount(120, 2)).toBe(2);
    expect(workerCount(3, 8)).toBe(3);
    expect(workerCount(120, 0)).toBe(0);
  });

  it('should share what is left with threads only when it would take a second or more', () => {
    expect(worthThreads(100, 20, 10_000, 4)).toBe(false); // too early to tell
    expect(worthThreads(200, 300, 400, 4)).toBe(false); // 0.27 s left
    expect(worthThreads(200, 300, 2_000, 4)).toBe(true); // 1.3 s left
    expect(worthThreads(250, 40, 200, 4)).toBe(true); // slow articles: 1.25 s left
  });

  it('should keep a run that started in this thread there on two cores (or one)', () => {
    for (const cores of [1, 2]) {
      expect(worthThreads(200, 300, 2_000, cores)).toBe(false);
      expect(worthThreads(2_000, 100, 100_000, cores)).toBe(false);
    }
    expect(worthThreads(200, 300, 2_000, 3)).toBe(true);
  });

  it('should give the same files when a run starts in one thread and goes on in threads', async () => {
    // The worker threads run the bundle (dist/worker.js, made by the global setup).
    const { runArticles } = await import('../src/run/run.js');
    const folder = path.join(corpus, 'articles');
    const paths = readdirSync(folder)
      .filter((name) => name.endsWith('.md'))
      .sort();
    const options = { cwd: folder, check: { today: new Date('2026-11-27T12:00:00Z') } };
    const messages = (files: VFile[]): string[] =>
      files.map(
        (file) =>
          `${file.path}: ${file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`).join('; ')}`,
      );
    const single = await runArticles(paths, { ...options, jobs: 0 });
    let handedOver = 0;
    const mixed = await runArticles(paths, {
      ...options,
      handOver: (_elapsed, done, left) => {
        if (done === 7) handedOver = left;
        return done === 7;
      },
    });
    expect(handedOver).toBe(paths.length - 7);
    expect(messages(mixed)).toEqual(messages(single));
    expect(messages(single).some((line) => line.includes('undefined-reference'))).toBe(true);
    // Neither keeps the articles' text to the end: the report reads only the messages.
    expect([...single, ...mixed].filter((file) => String(file) !== '')).toEqual([]);
  });

  it('should find articles in nested folders', async () => {
    const nested = mkdtempSync(path.join(tmpdir(), 'citeproof-nested-'));
    cpSync(
      path.join(fixtures, 'projects', 'clean', 'source', 'alpha.md'),
      path.join(nested, 'a', 'b', 'c', 'deep.md'),
      { recursive: true },
    );
    const io = captureIo(['check', '.', '--no-cache'], nested);
    expect(await main(io)).toBe(0);
    expect(io.out()).toMatch(/a\/b\/c\/deep\.md: no issues found/);
  });
});

describe('the cache', () => {
  it('should give the same report from the cache, re-check an edited article, and ignore --no-cache', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-cache-'));
    cpSync(path.join(corpus, 'articles'), path.join(folder, 'articles'), { recursive: true });
    const cold = await run(
      ['check', 'articles', '--format', 'json', '--cache-location', 'cache'],
      folder,
    );
    const cacheFile = path.join(folder, 'cache', 'cache.json');
    const entries = Object.keys(
      (JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: object }).entries,
    );
    expect(entries).toHaveLength(120);
    const warm = await run(
      ['check', 'articles', '--format', 'json', '--cache-location', 'cache'],
      folder,
    );
    expect(warm.stdout).toBe(cold.stdout);
    // An edit is seen: the cache is keyed by the article's bytes.
    const first = path.join(folder, 'articles', 'article-00001.md');
    writeFileSync(first, `${readFileSync(first, 'utf8')}\nA new claim.[^new-one]\n`);
    const edited = await run(
      ['check', 'articles/article-00001.md', '--format', 'json', '--cache-location', 'cache'],
      folder,
    );
    expect(edited.stdout).toMatch(/Unexpected reference to undefined source `new-one`/);
    const uncached = await run(
      ['check', 'articles/article-00001.md', '--format', 'json', '--no-cache'],
      folder,
    );
    expect(uncached.stdout).toBe(edited.stdout);
  });

  it('should ignore a corrupt cache or one from another version, never trust it', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-cache-'));
    cpSync(path.join(fixtures, 'projects', 'broken'), folder, { recursive: true });
    const truth = await run(['check', '--format', 'json', '--no-cache'], folder);
    const cacheFile = path.join(folder, 'cache', 'cache.json');
    await run(['check', '--cache-location', 'cache'], folder);
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
      tool: string;
      entries: Record<string, { messages: unknown[] }>;
    };
    // A cache claiming the broken article is clean, but made by another version: not trusted.
    for (const entry of Object.values(cache.entries)) entry.messages = [];
    writeFileSync(cacheFile, JSON.stringify({ ...cache, tool: 'another-version' }));
    expect(
      (await run(['check', '--format', 'json', '--cache-location', 'cache'], folder)).stdout,
    ).toBe(truth.stdout);
    writeFileSync(cacheFile, '{ "tool": "torn');
    expect(
      (await run(['check', '--format', 'json', '--cache-location', 'cache'], folder)).stdout,
    ).toBe(truth.stdout);
  });

  it('should not re-render unchanged articles, and rebuild an edition that was deleted', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-cache-'));
    cpSync(path.join(fixtures, 'projects', 'clean'), folder, { recursive: true });
    expect((await run(['build'], folder)).status).toBe(0);
    const pdf = path.join(folder, 'output', 'alpha.pdf');
    const before = statSync(pdf).mtimeMs;
    expect((await run(['build'], folder)).status).toBe(0);
    expect(statSync(pdf).mtimeMs).toBe(before);
    rmSync(pdf);
    expect((await run(['build'], folder)).status).toBe(0);
    expect(statSync(pdf).size).toBeGreaterThan(1000);
  });
});

describe('sharding', () => {
  it('should split the articles into disjoint shards whose union is the whole', async () => {
    const whole = (
      JSON.parse(
        (await run(['check', 'articles', '--format', 'json', '--no-cache'])).stdout,
      ) as Array<{
        path: string;
      }>
    ).map((file) => file.path);
    const shards: string[][] = [];
    for (const index of [1, 2, 3])
      shards.push(
        (
          JSON.parse(
            (
              await run([
                'check',
                'articles',
                '--format',
                'json',
                '--no-cache',
                '--shard',
                `${index}/3`,
              ])
            ).stdout,
          ) as Array<{ path: string }>
        ).map((file) => file.path),
      );
    expect(shards.flat().sort()).toEqual(whole);
    expect(new Set(shards.flat()).size).toBe(whole.length);
    for (const shard of shards) expect(shard.length).toBe(40);
  });

  it('should refuse a shard that is not I/N', async () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', 'a/b', '3']) {
      const io = captureIo(['check', '--shard', bad], root);
      expect(await main(io), bad).toBe(2);
      expect(io.err()).toMatch(/invalid `--shard/);
    }
  });
});

describe('progress', () => {
  it('should show count, rate and time left on a terminal, and nothing in CI or a pipe', () => {
    let written = '';
    const terminal = { isTTY: true, write: (text: string) => (written += text) };
    let clock = 0;
    const progress = progressReporter(terminal, {}, () => clock);
    clock = 1000;
    progress.update(500, 1000);
    progress.end();
    expect(written).toContain('[500/1000] 500 articles/s, about 1 s left');
    expect(progressLine(10, 20, 5, 2)).toBe('[10/20] 5 articles/s, about 2 s left');
    for (const [stream, environment] of [
      [{ isTTY: true, write: () => expect.fail('wrote in CI') }, { CI: 'true' }],
      [{ isTTY: false, write: () => expect.fail('wrote to a pipe') }, {}],
    ] as const) {
      const silent = progressReporter(stream, environment, () => 1000);
      silent.update(500, 1000);
      silent.end();
    }
  });
});
