/**
 * run/ — many articles: scheduling in this thread or on worker threads (pool.ts,
 * worker.ts), the cache (cache.ts), progress, and one article through every stage
 * (pipeline.ts: read → parse → check → model → editions, written atomically by write.ts).
 * `buildArticle` (build-article.ts) makes one article's editions in memory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import { editions } from '../editions/index.js';
import { slugOf } from '../model/article.js';
import { inputsIntact } from './figures.js';
import { workerEntry } from './tool-root.js';
import {
  type Cache,
  type CacheEntry,
  type CacheKind,
  describe,
  editionsIntact,
  entryKey,
  loadCache,
  lookUp,
  makeEntry,
  saveCache,
  sha256,
  toolFingerprint,
} from './cache.js';
import {
  type PipelineOptions,
  buildErrorId,
  processArticle,
  publishable,
  unprocessableIds,
} from './pipeline.js';
import { runOnWorkers, threadsWorthUsing, workerCount } from './pool.js';
import { fromRecord, toRecord } from './serialize.js';

export interface RunOptions extends PipelineOptions {
  /** Folder of the content-addressed cache; absent: no cache. */
  cacheDir?: string;
  /** Worker threads to use (default: as many as pay off, up to the cores). */
  jobs?: number;
  /**
   * When a run that started in this thread shares the articles left with worker
   * threads, from the time spent, the articles done and those left (default
   * `worthThreads`: when they would take a second or more, on three cores or more).
   */
  handOver?: (elapsedMs: number, done: number, left: number, cores: number) => boolean;
  /** Called as each article is done. */
  onProgress?: (done: number, total: number) => void;
  /** Called with a one-line warning (a cache that cannot be read or written); the report is unchanged. */
  onWarning?: (warning: string) => void;
}

/**
 * Check (and build) articles: unchanged ones come from the cache, the rest
 * are spread over worker threads when that pays off. The files come back in
 * the order of `paths`, with their messages and data but not their text.
 */
export async function runArticles(paths: readonly string[], options: RunOptions): Promise<VFile[]> {
  const results: Array<VFile | undefined> = new Array(paths.length);
  let done = 0;
  const finish = (index: number, file: VFile): void => {
    results[index] = file;
    // Its text goes: the report never reads it (nor had a file a worker thread checked it),
    // and 1,000 articles kept to the end were 16 MB that every collection copied or marked.
    file.value = '';
    done++;
    options.onProgress?.(done, paths.length);
  };
  const cache = await openCache(options);
  // Only a cache needs the hashes of the text and the figures (the rules have read them already).
  options = { ...options, forCache: cache !== undefined };
  const kind: CacheKind = options.out === undefined ? 'check' : 'build';
  const context = cache ? await cacheContext(options) : '';
  const pending: number[] = [];
  await forEachLimited(paths, 32, async (filePath, index) => {
    const hit = cache && (await cached(cache, kind, filePath, context, options));
    if (hit) finish(index, fromRecord({ path: filePath, messages: hit.messages }, options.cwd));
    else pending.push(index);
  });
  pending.sort((a, b) => a - b);

  const record = async (index: number, file: VFile): Promise<void> => {
    const filePath = paths[index] ?? '';
    const source = file.data.sourceHash;
    if (
      cache &&
      source &&
      !file.messages.some((message) => unprocessableIds.has(message.ruleId ?? ''))
    ) {
      const editions =
        options.out !== undefined && publishable(file, options.strict === true)
          ? await hashEditions(filePath, options)
          : undefined;
      cache.entries[entryKey(kind, path.resolve(options.cwd, filePath))] = makeEntry({
        kind,
        source,
        context,
        messages: toRecord(file).messages,
        used: cache.run,
        ...(editions ? { editions } : {}),
        ...(file.data.figureInputs ? { inputs: file.data.figureInputs } : {}),
      });
    }
    finish(index, file);
  };

  // Worker threads from the start when there are enough articles (or --jobs asks); else
  // start in this thread, and share what is left with threads once it would take long
  // enough to pay for them (articles micromark parses take ten times longer).
  const available = workersAvailable();
  const size = available ? workerCount(pending.length, options.jobs, options.out !== undefined) : 0;
  let next = 0;
  if (size < 2) {
    // The cores once, not after every article: libuv asks the system each time (a
    // `sched_getaffinity`, ~1.3 µs).
    const cores = threadsWorthUsing();
    const mayHandOver = available && options.jobs === undefined && cores > 1;
    const handOver = options.handOver ?? worthThreads;
    const started = performance.now();
    while (next < pending.length) {
      const index = pending[next] ?? 0;
      await record(index, await processArticle(paths[index] ?? '', options));
      next++;
      if (mayHandOver && handOver(performance.now() - started, next, pending.length - next, cores))
        break;
    }
  }
  const rest = pending.slice(next);
  if (rest.length > 0 && size < 2) {
    // Handed over: this thread, whose code is compiled and optimised by now, goes on
    // beside the new threads (one fewer than the cores), taking from the same queue.
    const threads = Math.min(threadsWorthUsing() - 1, rest.length - 1);
    await onThreads(rest, threads, paths, options, record, async (index) =>
      record(index, await processArticle(paths[index] ?? '', options)),
    );
  } else if (rest.length > 0) {
    const threads = size > 1 ? size : Math.min(threadsWorthUsing(), rest.length);
    await onThreads(rest, threads, paths, options, record);
  }
  if (cache && options.cacheDir) {
    try {
      await saveCache(options.cacheDir, cache);
    } catch (error) {
      options.onWarning?.(
        `cannot write the cache in ${options.cacheDir} (${describe(error)}); the next run checks every article again`,
      );
    }
  }
  return results.filter((file): file is VFile => file !== undefined);
}

/** The cache for this run (its run counter advanced), or none: `--no-cache`, or one that cannot be read. */
async function openCache(options: RunOptions): Promise<Cache | undefined> {
  if (!options.cacheDir) return undefined;
  const loaded = await loadCache(options.cacheDir, toolFingerprint());
  if ('problem' in loaded) {
    options.onWarning?.(`${loaded.problem}; running without it`);
    return undefined;
  }
  loaded.cache.run++;
  return loaded.cache;
}

/**
 * The cache entry for an article, when it was made by this command from the
 * article's current text in the same context (and, for a build, its editions
 * are still on disk as written); it is marked used by this run.
 */
async function cached(
  cache: Cache,
  kind: CacheKind,
  filePath: string,
  context: string,
  options: RunOptions,
): Promise<CacheEntry | undefined> {
  const source = sourceHash(path.resolve(options.cwd, filePath));
  if (!source) return undefined;
  const entry = lookUp(cache, entryKey(kind, path.resolve(options.cwd, filePath)), source, context);
  if (!entry) return undefined;
  // A figure changed, appeared or went away: its verdict and its PDF are made again.
  if (entry.inputs && !inputsIntact(entry.inputs)) return undefined;
  if (kind === 'build' && entry.editions && !(await editionsIntact(options.cwd, entry.editions)))
    return undefined;
  entry.used = cache.run;
  return entry;
}

/**
 * Whether what is left (estimated from the articles done so far) takes long
 * enough to pay for starting threads (about 0.1 s each, warming up included), on
 * three cores or more. With one JavaScript thread, V8's own threads (concurrent
 * marking, parallel scavenges, optimising compiles) kept 1.5–1.8 of two cores busy
 * on every corpus measured (`process.cpuUsage()` over the run's first seconds), and
 * a thread more was as often slower than `--jobs 1` as faster (0.95–1.11×,
 * BENCHMARKS.md); on two cores a run that starts here stays here.
 */
export function worthThreads(
  elapsedMs: number,
  done: number,
  left: number,
  cores = threadsWorthUsing(),
): boolean {
  return cores >= 3 && elapsedMs >= 200 && (elapsedMs / done) * left >= 1000;
}

/**
 * Check (and build) the articles at `indexes` of `paths` on worker threads, and with
 * `here` in this thread too (see `runOnWorkers`).
 */
async function onThreads(
  indexes: number[],
  size: number,
  paths: readonly string[],
  options: RunOptions,
  record: (index: number, file: VFile) => Promise<void>,
  here?: (index: number) => Promise<void>,
): Promise<void> {
  const {
    cacheDir: _cacheDir,
    jobs: _jobs,
    onProgress: _onProgress,
    handOver: _handOver,
    onWarning: _onWarning,
    ...pipeline
  } = options;
  const check = {
    ...(pipeline.check?.rules
      ? { rules: pipeline.check.rules as Record<string, 'off' | 'warning' | 'error'> }
      : {}),
    today: (pipeline.check?.today ?? new Date()).toISOString(),
  };
  const settled: Array<Promise<void>> = [];
  const threadPaths = indexes.map((index) => paths[index] ?? '');
  const inThisThread = here && ((id: number) => here(indexes[id] ?? 0));
  await runOnWorkers(
    threadPaths,
    { ...pipeline, check },
    size,
    (outcome) => {
      const index = indexes[outcome.id] ?? 0;
      const file =
        'record' in outcome
          ? fromRecord(outcome.record, options.cwd)
          : fromRecord(
              {
                path: paths[index] ?? '',
                messages: [
                  {
                    reason: `Cannot check article: ${outcome.error}`,
                    ruleId: buildErrorId,
                    source: 'citeproof',
                    fatal: true,
                  },
                ],
              },
              options.cwd,
            );
      settled.push(record(index, file));
    },
    undefined,
    inThisThread,
  );
  await Promise.all(settled);
}

/** Whether the compiled worker is there (it is not when running from the TypeScript sources). */
function workersAvailable(): boolean {
  return existsSync(workerEntry());
}

/** Everything besides an article's bytes that its result depends on. */
async function cacheContext(options: RunOptions): Promise<string> {
  const parts: unknown[] = [
    path.resolve(options.cwd),
    options.check?.rules ?? {},
    (options.check?.today ?? new Date()).toISOString().slice(0, 10),
    options.strict === true,
    options.out ?? null,
    options.articles ?? 'source',
  ];
  if (options.out !== undefined) {
    const context = { env: options.env ?? {} };
    for (const edition of editions) parts.push(edition.name, await edition.cacheInputs(context));
  }
  return sha256(JSON.stringify(parts));
}

/** The hash of an article's text as the pipeline reads it (`file.data.sourceHash`), or `undefined`. */
function sourceHash(filePath: string): string | undefined {
  try {
    // Synchronous, as in readArticle: one call instead of four thread-pool round trips.
    return sha256(new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(filePath)));
  } catch {
    return undefined;
  }
}

async function hashEditions(
  filePath: string,
  options: RunOptions,
): Promise<Record<string, string> | undefined> {
  const base = path.join(options.out ?? 'output', slugOf(filePath));
  const hashes: Record<string, string> = {};
  for (const file of editions.map((edition) => base + edition.extension)) {
    try {
      hashes[file] = sha256(await readFile(path.resolve(options.cwd, file)));
    } catch {
      return undefined;
    }
  }
  return hashes;
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  each: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      const item = items[index];
      if (item !== undefined) await each(item, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
