import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { cacheBounds, type Cache, loadCache, makeEntry, saveCache } from '../src/run/cache.js';
import { runOnWorkers, workerResourceLimits } from '../src/run/pool.js';
import { runArticles } from '../src/run/run.js';
import type { Outcome } from '../src/run/worker.js';
import { hostId, temporaryGraceMs } from '../src/run/write.js';
import { captureIo, fixtureToday, fixtures, root } from './helpers.js';

const bin = path.join(root, 'dist', 'cli.js');
const here = path.join(fixtures, 'reliability');

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function environment(cwd: string, env: Record<string, string>): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '', XDG_CACHE_HOME: path.join(cwd, '.xdg'), ...env };
}

/** The real bin, spawned: for what is the bin's own (its exit code, its stderr lines, its pid). */
function spawned(args: string[], cwd: string, env: Record<string, string> = {}): Result {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: environment(cwd, env),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same command through `main(io)` in this process: the code the bin runs, without
 * starting Node and the bundle each time (~0.2 s a run; some tests here run a dozen).
 */
async function run(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Result> {
  const io = captureIo(args, cwd, environment(cwd, env));
  const status = await main(io);
  return { status, stdout: io.out(), stderr: io.err() };
}

/** Each behaviour of the bin is seen spawned once, the others of its kind run in-process. */
function runner(index: number): typeof run {
  return index === 0 ? async (...args) => spawned(...args) : run;
}

function project(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-reliable-'));
  cpSync(path.join(fixtures, 'projects', 'clean', 'source'), path.join(folder, 'source'), {
    recursive: true,
  });
  return folder;
}

/** A project whose one article is broken (exit 1 without a cache). */
function brokenProject(): string {
  const folder = project();
  cpSync(path.join(here, 'broken.md'), path.join(folder, 'source', 'gamma.md'));
  return folder;
}

function listing(folder: string): string[] {
  return readdirSync(folder).sort();
}

describe('the cache cannot lie', () => {
  it('should keep a verdict with the hash of the very text it was made from (poisoned-cache race)', async () => {
    const folder = project();
    const article = path.join(folder, 'source', 'gamma.md');
    writeFileSync(article, readFileSync(path.join(here, 'broken.md')));
    const cacheDir = path.join(folder, 'cache');
    const options = { cwd: folder, cacheDir, check: { today: fixtureToday }, jobs: 1 };
    // The article is fixed while the run is under way (after the first article is done,
    // before it is read), then the author goes back to the broken text.
    await runArticles(['source/alpha.md', 'source/gamma.md'], {
      ...options,
      onProgress: (done) => {
        if (done === 1) writeFileSync(article, readFileSync(path.join(here, 'fixed.md')));
      },
    });
    writeFileSync(article, readFileSync(path.join(here, 'broken.md')));
    const cached = await run(['check', 'source/gamma.md', '--cache-location', 'cache'], folder);
    const uncached = await run(['check', 'source/gamma.md', '--no-cache'], folder);
    expect(uncached.status).toBe(1);
    expect(cached.status).toBe(1);
    expect(cached.stdout).toBe(uncached.stdout);
  });

  const tamperings: Array<[string, (entry: Record<string, unknown>) => unknown]> = [
    ['messages emptied (a crafted `messages: []`)', (entry) => ({ ...entry, messages: [] })],
    [
      'an error turned into a warning',
      (entry) => ({
        ...entry,
        messages: (entry['messages'] as Array<Record<string, unknown>>).map((message) => ({
          ...message,
          fatal: false,
        })),
      }),
    ],
    [
      '`fatal` of the wrong type',
      (entry) => ({
        ...entry,
        messages: (entry['messages'] as Array<Record<string, unknown>>).map((message) => ({
          ...message,
          fatal: 'yes',
        })),
      }),
    ],
    ['messages that are not a list', (entry) => ({ ...entry, messages: 'error' })],
    [
      'a place that is not a place',
      (entry) => ({ ...entry, messages: [{ reason: 1, place: 'x' }] }),
    ],
    ['an entry that is a string', () => 'error'],
    ['an entry that is null', () => null],
    ['a missing source hash', (entry) => ({ ...entry, source: undefined })],
    ['a kind that does not exist', (entry) => ({ ...entry, kind: 'publish' })],
  ];
  for (const [index, [name, tamper]] of tamperings.entries()) {
    it(`should ignore an entry with ${name} and give the --no-cache report`, async () => {
      const run = runner(index);
      const folder = brokenProject();
      const truth = await run(['check', '--format', 'json', '--no-cache'], folder);
      expect(truth.status).toBe(1);
      expect((await run(['check', '--cache-location', 'cache'], folder)).status).toBe(1);
      const file = path.join(folder, 'cache', 'cache.json');
      const cache = JSON.parse(readFileSync(file, 'utf8')) as {
        entries: Record<string, Record<string, unknown>>;
      };
      for (const key of Object.keys(cache.entries))
        cache.entries[key] = tamper(cache.entries[key] ?? {}) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify(cache));
      const again = await run(['check', '--format', 'json', '--cache-location', 'cache'], folder);
      expect(again.status).toBe(truth.status);
      expect(again.stdout).toBe(truth.stdout);
      expect(again.stderr).toBe('');
    });
  }

  it('should keep the entries of check and build apart, so neither evicts the other', async () => {
    const folder = project();
    const cache = ['--cache-location', 'cache'];
    expect((await run(['check', ...cache], folder)).status).toBe(0);
    expect((await run(['build', ...cache], folder)).status).toBe(0);
    const pdf = path.join(folder, 'output', 'alpha.pdf');
    const built = statSync(pdf).mtimeMs;
    expect((await run(['check', ...cache], folder)).status).toBe(0);
    expect((await run(['build', ...cache], folder)).status).toBe(0);
    expect(statSync(pdf).mtimeMs).toBe(built);
    const entries = (
      JSON.parse(readFileSync(path.join(folder, 'cache', 'cache.json'), 'utf8')) as {
        entries: Record<string, { kind: string }>;
      }
    ).entries;
    expect(
      Object.values(entries)
        .map((entry) => entry.kind)
        .sort(),
    ).toEqual(['build', 'build', 'check', 'check']);
  });

  it('should prune entries no recent run used, keeping those of the last run', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-prune-'));
    const hash = 'a'.repeat(64);
    const cache: Cache = { tool: 'tool', run: 50, entries: {} };
    for (let index = 0; index < 3000; index++) {
      const used = index < 100 ? 50 : 49 - (index % 20);
      cache.entries[`check:/article-${index}.md`] = makeEntry({
        kind: 'check',
        source: hash,
        context: hash,
        messages: [],
        used,
      });
    }
    await saveCache(folder, cache);
    const loaded = await loadCache(folder, 'tool');
    if (!('cache' in loaded)) throw new Error(loaded.problem);
    const kept = Object.values(loaded.cache.entries);
    expect(kept.filter((entry) => entry.used === 50)).toHaveLength(100);
    expect(Object.keys(loaded.cache.entries)).toContain('check:/article-0.md');
    expect(kept.every((entry) => entry.used > 50 - cacheBounds.runs)).toBe(true);
    expect(kept.length).toBeLessThanOrEqual(100 + cacheBounds.extraEntries);
    expect(kept.length).toBeLessThan(3000);
  });

  it('should drop the entries of renamed articles after a bounded number of runs', async () => {
    const folder = project();
    for (let index = 0; index < cacheBounds.runs + 2; index++) {
      const name = path.join(folder, 'source', `renamed-${index}.md`);
      cpSync(path.join(folder, 'source', 'alpha.md'), name);
      expect(
        (await run(['check', `source/renamed-${index}.md`, '--cache-location', 'cache'], folder))
          .status,
      ).toBe(0);
    }
    const entries = Object.keys(
      (
        JSON.parse(readFileSync(path.join(folder, 'cache', 'cache.json'), 'utf8')) as {
          entries: object;
        }
      ).entries,
    );
    expect(entries.length).toBe(cacheBounds.runs);
    expect(entries.some((key) => key.endsWith('renamed-0.md'))).toBe(false);
  });

  const unusable: Array<[string, (folder: string) => string]> = [
    [
      'a file where its folder should be',
      (folder) => {
        writeFileSync(path.join(folder, 'cache'), 'not a folder');
        return 'cache';
      },
    ],
    [
      'a folder below a file',
      (folder) => {
        writeFileSync(path.join(folder, 'blocker'), 'not a folder');
        return 'blocker/cache';
      },
    ],
    [
      'a folder where its file should be',
      (folder) => {
        mkdirSync(path.join(folder, 'cache', 'cache.json'), { recursive: true });
        return 'cache';
      },
    ],
  ];
  for (const [index, [name, make]] of unusable.entries()) {
    for (const command of ['check', 'build']) {
      it(`should warn in one line and report as --no-cache does when the cache is ${name} (${command})`, async () => {
        // The bin itself for the first kind of unusable cache, with each command.
        const run = runner(index);
        const folder = brokenProject();
        const truth = await run([command, '--format', 'json', '--no-cache'], folder);
        const location = make(folder);
        const result = await run(
          [command, '--format', 'json', '--cache-location', location],
          folder,
        );
        expect(result.status).toBe(truth.status);
        expect(result.stdout).toBe(truth.stdout);
        // One warning line; after it, only build's lines of what became of each edition.
        const [first, ...rest] = result.stderr.split('\n');
        expect(`${first}\n`).toMatch(
          /^citeproof: warning: cannot (read|write) the cache in [^\n]+\n$/,
        );
        expect(rest.filter((line) => line.startsWith('citeproof:'))).toEqual([]);
      });
    }
  }

  it('should keep the cache in node_modules/.cache/citeproof in a package, else in the user cache folder', async () => {
    const folder = project();
    expect((await run(['check'], folder)).status).toBe(0);
    expect(listing(folder)).toEqual(['.xdg', 'source']);
    const [perProject] = readdirSync(path.join(folder, '.xdg', 'citeproof'));
    expect(existsSync(path.join(folder, '.xdg', 'citeproof', perProject ?? '', 'cache.json'))).toBe(
      true,
    );
    writeFileSync(path.join(folder, 'package.json'), '{ "name": "articles" }\n');
    mkdirSync(path.join(folder, 'node_modules'));
    expect((await run(['check'], folder)).status).toBe(0);
    expect(existsSync(path.join(folder, 'node_modules', '.cache', 'citeproof', 'cache.json'))).toBe(
      true,
    );
  });
});

describe('build never overwrites a source or a file it did not write', () => {
  const refusals: Array<[string, string[], string | undefined, RegExp]> = [
    ['the source folder', ['build', '--out', 'source'], undefined, /is the source folder `source`/],
    [
      'a folder inside it',
      ['build', '--out', 'source/out'],
      undefined,
      /inside the source folder `source`/,
    ],
    [
      'a folder that contains it',
      ['build', '--out', '.'],
      undefined,
      /contains the source folder `source`/,
    ],
    [
      'the folder of an article given by name',
      ['build', 'alpha.md', '--out', '.'],
      'alpha.md',
      /is the folder of the articles given/,
    ],
  ];
  for (const [index, [name, args, rootArticle, says]] of refusals.entries()) {
    it(`should refuse --out ${name} (exit 2) and leave the sources as they were`, async () => {
      const run = runner(index);
      const folder = project();
      if (rootArticle)
        cpSync(path.join(folder, 'source', 'alpha.md'), path.join(folder, rootArticle));
      const before = readFileSync(path.join(folder, 'source', 'alpha.md'));
      const result = await run([...args, '--no-cache'], folder);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(says);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(readFileSync(path.join(folder, 'source', 'alpha.md')).equals(before)).toBe(true);
      if (rootArticle)
        expect(readFileSync(path.join(folder, rootArticle)).equals(before)).toBe(true);
      expect(existsSync(path.join(folder, 'source', 'alpha.pdf'))).toBe(false);
    });
  }

  it('should leave a file it did not write in place, build the rest, and replace its own editions', async () => {
    const folder = project();
    mkdirSync(path.join(folder, 'output'));
    writeFileSync(path.join(folder, 'output', 'alpha.md'), 'An author’s notes.\n');
    const result = await run(['build', '--no-cache'], folder);
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/alpha\.md in the output folder was not written by citeproof/);
    expect(readFileSync(path.join(folder, 'output', 'alpha.md'), 'utf8')).toBe(
      'An author’s notes.\n',
    );
    expect(existsSync(path.join(folder, 'output', 'alpha.pdf'))).toBe(false);
    expect(existsSync(path.join(folder, 'output', 'beta.pdf'))).toBe(true);
    // Its own editions carry the mark and are replaced when the article changes.
    const beta = path.join(folder, 'source', 'beta.md');
    writeFileSync(beta, readFileSync(beta, 'utf8').replace('\n\n', '\n\nA new paragraph.\n\n'));
    writeFileSync(path.join(folder, 'output', 'alpha.md'), 'An author’s notes.\n');
    expect((await run(['build', 'source/beta.md', '--no-cache'], folder)).status).toBe(0);
    expect(readFileSync(path.join(folder, 'output', 'beta.md'), 'utf8')).toMatch(/A new paragraph/);
  });
});

describe('file names and temporaries', () => {
  it('should build an article whose name is 251 bytes long, every name made fitting 255 bytes', async () => {
    const folder = project();
    const name = `${'a'.repeat(120)}-${'b'.repeat(127)}.md`;
    expect(Buffer.byteLength(name)).toBe(251);
    cpSync(path.join(folder, 'source', 'alpha.md'), path.join(folder, 'source', name));
    const result = await run(['build', '--no-cache'], folder);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const made = readdirSync(path.join(folder, 'output'));
    expect(made).toHaveLength(6);
    for (const each of made) expect(Buffer.byteLength(each)).toBeLessThanOrEqual(255);
    // Deterministic: the same name again.
    expect((await run(['build', '--no-cache'], folder)).status).toBe(0);
    expect(readdirSync(path.join(folder, 'output'))).toEqual(made);
  });

  it('should import a text with a very long first line under a short slug, and the inputs after it', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-import-'));
    const legacy = readFileSync(path.join(fixtures, 'seed', '000_a63a872f8d55b19b.txt'), 'utf8');
    writeFileSync(
      path.join(folder, 'long.txt'),
      `${'Word '.repeat(400)}\n${legacy.split('\n').slice(1).join('\n')}`,
    );
    writeFileSync(path.join(folder, 'second.txt'), legacy);
    const result = await run(['import', 'long.txt', 'second.txt'], folder);
    expect(result.stdout + result.stderr).not.toMatch(/internal error|ENAMETOOLONG/);
    const written = readdirSync(path.join(folder, 'source'));
    expect(written).toHaveLength(2);
    for (const each of written) expect(Buffer.byteLength(each)).toBeLessThanOrEqual(90);
  });

  it('should refuse an --out for import that is neither a folder nor a .md file, and import into a folder', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-import-'));
    cpSync(path.join(here, 'fixed.md'), path.join(folder, 'legacy.txt'));
    const device = spawned(['import', 'legacy.txt', '--out', '/dev/stdout'], folder);
    expect(device.status).toBe(2);
    expect(device.stderr).toMatch(
      /^citeproof: invalid `--out \/dev\/stdout`, expected a folder or a `\.md` file/,
    );
    mkdirSync(path.join(folder, 'drafts.md'));
    const intoFolder = await run(['import', 'legacy.txt', '--out', 'drafts.md'], folder);
    expect(intoFolder.stdout + intoFolder.stderr).not.toMatch(/internal error/);
    expect(readdirSync(path.join(folder, 'drafts.md'))).toHaveLength(1);
  });

  it('should remove temporaries left by dead runs of any host, and keep a live run’s', () => {
    // Spawned: the live run is this test's process, the build another one.
    const folder = project();
    expect(spawned(['build', '--no-cache'], folder).status).toBe(0);
    const output = path.join(folder, 'output');
    const now = Date.now();
    const oldTime = (now - temporaryGraceMs - 60_000).toString(36);
    const names = {
      otherHostOld: `.citeproof-${oldTime}-0badc0de-123-00000000.tmp`,
      otherHostNew: `.citeproof-${now.toString(36)}-0badc0de-123-00000001.tmp`,
      thisHostDead: `.citeproof-${now.toString(36)}-${hostId()}-999999999-00000002.tmp`,
      thisHostLive: `.citeproof-${now.toString(36)}-${hostId()}-${process.pid}-00000003.tmp`,
      olderVersion: '.alpha.pdf.4242.0000abcd.tmp',
    };
    for (const name of Object.values(names)) writeFileSync(path.join(output, name), 'partial');
    const old = (now - temporaryGraceMs - 60_000) / 1000;
    utimesSync(path.join(output, names.olderVersion), old, old);
    expect(spawned(['build', '--no-cache'], folder).status).toBe(0);
    const left = readdirSync(output).filter((name) => name.endsWith('.tmp'));
    expect(left.sort()).toEqual([names.otherHostNew, names.thisHostLive].sort());
  });
});

describe('--jobs and dying workers', () => {
  const limit = availableParallelism() * 2;
  for (const [index, value] of [
    '0',
    '1e3',
    '0x10',
    '',
    '-1',
    '1.5',
    String(limit + 1),
    '120',
  ].entries()) {
    it(`should refuse --jobs '${value}' with the range (exit 2)`, async () => {
      const result = await runner(index)(['check', `--jobs=${value}`, '--no-cache'], project());
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`expected a whole number from 1 to ${limit}`);
    });
  }

  it('should accept --jobs from 1 to twice the cores', async () => {
    expect((await run(['check', '--jobs', '1', '--no-cache'], project())).status).toBe(0);
    expect((await run(['check', '--jobs', String(limit), '--no-cache'], project())).status).toBe(0);
  });

  it('should lose only the article that exhausts its worker thread, in the real CLI, and report the others', () => {
    const folder = project();
    // The others' reports, as a run without the huge article gives them (before its summary line).
    const alone = spawned(['check', 'source', '--no-cache'], folder).stdout;
    const reports = alone.slice(0, alone.lastIndexOf('\n', alone.trimEnd().length - 1) + 1);
    expect(reports).toMatch(/alpha\.md/);
    // Within every parser limit, but a tree larger than a 24 MB heap: a tight list of 1,900
    // items of openers that never close (29,000 of the 30,000 lines, marks and eighths of
    // words an article may hold), ~61 KB, one block that micromark parses in one run
    // (paragraphs would be parsed in runs of 32 KB). Measured: 1,600 items fit in 32 MB,
    // 1,900 do not in 24 or 28 MB; 16 MB leaves no room for a worker's own code, and every
    // worker dies.
    const item = '- *a **a _a __a `d` e *f **g _h\n';
    writeFileSync(
      path.join(folder, 'source', 'huge.md'),
      `---\ntitle: Huge\nauthor: Test Author\nlang: en\n---\n\n${item.repeat(1_900)}`,
    );
    const result = spawned(['check', 'source', '--jobs', '2', '--no-cache'], folder, {
      CITEPROOF_WORKER_MEMORY_MB: '24',
    });
    expect(result.stdout).toMatch(
      /huge\.md\n.*Cannot check article: the worker thread checking it stopped \(.*memory limit/,
    );
    // (The report aligns its columns over all messages: compare without the padding.)
    const unpadded = (text: string): string => text.replace(/ +/g, ' ');
    expect(unpadded(result.stdout).startsWith(unpadded(reports)), result.stdout).toBe(true);
    expect(result.status).toBe(2);
  });

  it('should bound a worker heap only by a whole number of megabytes in CITEPROOF_WORKER_MEMORY_MB', () => {
    expect(workerResourceLimits({ CITEPROOF_WORKER_MEMORY_MB: '64' })).toEqual({
      maxOldGenerationSizeMb: 64,
    });
    for (const value of [undefined, '', '0', '-1', '1.5', '1e3', 'lots'])
      expect(workerResourceLimits({ CITEPROOF_WORKER_MEMORY_MB: value }), value).toBeUndefined();
  });

  it('should lose only the articles of a worker that dies, reported with the reason', async () => {
    const paths = Array.from({ length: 40 }, (_, index) =>
      index === 13 ? 'crash-13.md' : `article-${index}.md`,
    );
    const outcomes: Outcome[] = [];
    await runOnWorkers(
      paths,
      { cwd: '.', check: { today: fixtureToday.toISOString() } },
      2,
      (outcome) => outcomes.push(outcome),
      pathToFileURL(path.join(here, 'crashing-worker.mjs')),
    );
    expect(outcomes).toHaveLength(40);
    const failed = outcomes.filter((outcome) => 'error' in outcome);
    expect(failed).toEqual([
      { id: 13, error: 'the worker thread checking it stopped (exit code 7)' },
    ]);
    expect(new Set(outcomes.map((outcome) => outcome.id)).size).toBe(40);
  });
});

describe('this thread beside the workers (after a hand-over)', () => {
  const fakeWorker = (): URL => pathToFileURL(path.join(here, 'crashing-worker.mjs'));
  const options = { cwd: '.', check: { today: fixtureToday.toISOString() } };

  it('should share one queue: every article done once, some here and some on the worker', async () => {
    const paths = Array.from({ length: 200 }, (_, index) => `article-${index}.md`);
    const onWorker: number[] = [];
    const inHere: number[] = [];
    await runOnWorkers(
      paths,
      options,
      1,
      (outcome) => onWorker.push(outcome.id),
      fakeWorker(),
      async (id) => {
        inHere.push(id);
        // An article's work in this thread: long enough for the worker's batches to come back.
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
    );
    expect([...onWorker, ...inHere].sort((a, b) => a - b)).toEqual(paths.map((_, id) => id));
    expect(inHere.length).toBeGreaterThan(0);
    expect(onWorker.length).toBeGreaterThan(0);
  });

  it('should give this thread one of a few articles left, before the workers claim theirs', async () => {
    for (const [count, workers] of [
      [2, 1],
      [4, 3],
    ] as const) {
      const inHere: number[] = [];
      const onWorker: number[] = [];
      await runOnWorkers(
        Array.from({ length: count }, (_, index) => `article-${index}.md`),
        options,
        workers,
        (outcome) => onWorker.push(outcome.id),
        fakeWorker(),
        async (id) => {
          inHere.push(id);
        },
      );
      expect(inHere, `${count} articles, ${workers} workers`).toContain(0);
      expect([...inHere, ...onWorker].sort((a, b) => a - b)).toEqual(
        Array.from({ length: count }, (_, index) => index),
      );
    }
  });

  it('should fail the run when the work in this thread fails', async () => {
    const paths = Array.from({ length: 50 }, (_, index) => `article-${index}.md`);
    await expect(
      runOnWorkers(
        paths,
        options,
        1,
        () => undefined,
        fakeWorker(),
        async (id) => {
          if (id >= 0) throw new Error(`article ${id} broke`);
        },
      ),
    ).rejects.toThrow(/article \d+ broke/);
  });
});

describe('links, slugs and reports', () => {
  it('should publish unsafe links as text, with an unsafe-link warning', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-links-'));
    mkdirSync(path.join(folder, 'source'));
    cpSync(path.join(here, 'unsafe-links.md'), path.join(folder, 'source', 'links.md'));
    // The image with a `javascript:` URL is also a `missing-figure` error (an unsafe image is
    // not published); switched off here to see what the Markdown edition makes of the links.
    writeFileSync(
      path.join(folder, 'citeproof.config.json'),
      '{ "rules": { "missing-figure": "off" } }\n',
    );
    const result = await run(['build', '--no-cache'], folder);
    expect(result.status).toBe(0);
    expect(result.stdout.match(/unsafe-link/g)).toHaveLength(5);
    const edition = readFileSync(path.join(folder, 'output', 'links.md'), 'utf8');
    expect(edition).not.toMatch(/javascript:|data:|file:/);
    expect(edition).toMatch(
      /Click here, see the image, open\nthe file or read \[the report\]\(https:\/\/example\.org\/report\)/,
    );
  });

  it('should make a translation slug that leaves the output folder an invalid-front-matter error', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-slug-'));
    mkdirSync(path.join(folder, 'source'));
    cpSync(path.join(here, 'escaping-slug.md'), path.join(folder, 'source', 'escaping.md'));
    const result = await run(['build', '--no-cache'], folder);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /Unexpected translation `slug` `\.\.\/\.\.\/\.\.\/etc\/passwd`.*invalid-front-matter/,
    );
    expect(existsSync(path.join(folder, 'output', 'escaping.md'))).toBe(false);
  });

  for (const [index, format] of ['text', 'json', 'github', 'sarif'].entries()) {
    it(`should escape control and bidi characters in the ${format} report`, async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-bidi-'));
      cpSync(path.join(here, 'bidi.md'), path.join(folder, 'bidi\u202e.md'));
      const result = await runner(index)(
        ['check', 'bidi\u202e.md', '--format', format, '--no-cache'],
        folder,
      );
      expect(result.status).toBe(1);
      // eslint-disable-next-line no-control-regex
      expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202a-\u202e\u2066-\u2069]/u);
      expect(result.stdout).toMatch(
        format === 'json' || format === 'sarif' ? /\\u202e/ : /<U\+202E>/,
      );
    });
  }
});
