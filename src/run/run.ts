import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFile } from 'vfile';
import { editions } from '../editions/index.js';
import { slugOf } from '../model/article.js';
import { workerEntry } from './tool-root.js';
import {
  type Cache,
  editionsIntact,
  loadCache,
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
   * When a run that started in this thread hands the articles left to worker
   * threads, from the time spent, the articles done and those left (default
   * `worthThreads`: when they would take a second or more).
   */
  handOver?: (elapsedMs: number, done: number, left: number) => boolean;
  /** Called as each article is done. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Check (and build) articles: unchanged ones come from the cache, the rest
 * are spread over worker threads when that pays off. The files come back in
 * the order of `paths`.
 */
export async function runArticles(paths: readonly string[], options: RunOptions): Promise<VFile[]> {
  const results: Array<VFile | undefined> = new Array(paths.length);
  let done = 0;
  const finish = (index: number, file: VFile): void => {
    results[index] = file;
    done++;
    options.onProgress?.(done, paths.length);
  };
  const cache = options.cacheDir ? await loadCache(options.cacheDir, toolFingerprint()) : undefined;
  const context = cache ? await cacheContext(options) : '';
  const keys: string[] = [];
  const pending: number[] = [];
  await forEachLimited(paths, 32, async (filePath, index) => {
    if (!cache) {
      pending.push(index);
      return;
    }
    const key = await fileKey(path.resolve(options.cwd, filePath), context);
    keys[index] = key;
    const entry = cache.entries[filePath];
    const hit =
      key !== '' &&
      entry?.key === key &&
      (options.out === undefined ||
        entry.editions === undefined ||
        (await editionsIntact(options.cwd, entry.editions)));
    if (hit && entry)
      finish(index, fromRecord({ path: filePath, messages: entry.messages }, options.cwd));
    else pending.push(index);
  });
  pending.sort((a, b) => a - b);

  const record = async (index: number, file: VFile): Promise<void> => {
    const filePath = paths[index] ?? '';
    if (
      cache &&
      keys[index] &&
      !file.messages.some((message) => unprocessableIds.has(message.ruleId ?? ''))
    ) {
      const editions =
        options.out !== undefined && publishable(file, options.strict === true)
          ? await hashEditions(filePath, options)
          : undefined;
      cache.entries[filePath] = {
        key: keys[index] ?? '',
        messages: toRecord(file).messages,
        ...(editions ? { editions } : {}),
      };
    }
    finish(index, file);
  };

  // Worker threads from the start when there are enough articles (or --jobs asks); else
  // start in this thread, and hand what is left to threads once it would take long
  // enough to pay for them (articles micromark parses take ten times longer).
  const available = workersAvailable();
  const size = available ? workerCount(pending.length, options.jobs, options.out !== undefined) : 0;
  let next = 0;
  if (size < 2) {
    const mayHandOver = available && options.jobs === undefined && threadsWorthUsing() > 1;
    const started = performance.now();
    while (next < pending.length) {
      const index = pending[next] ?? 0;
      await record(index, await processArticle(paths[index] ?? '', options));
      next++;
      const handOver = options.handOver ?? worthThreads;
      if (mayHandOver && handOver(performance.now() - started, next, pending.length - next)) break;
    }
  }
  const rest = pending.slice(next);
  if (rest.length > 0) {
    const threads = size > 1 ? size : Math.min(threadsWorthUsing(), rest.length);
    await onThreads(rest, threads, paths, options, (index, file) => record(index, file));
  }
  if (cache && options.cacheDir) await saveCache(options.cacheDir, cache);
  return results.filter((file): file is VFile => file !== undefined);
}

/**
 * Whether what is left (estimated from the articles done so far) takes long
 * enough to pay for starting threads (about 0.1 s each, warming up included).
 */
export function worthThreads(elapsedMs: number, done: number, left: number): boolean {
  return elapsedMs >= 200 && (elapsedMs / done) * left >= 1000;
}

/** Check (and build) the articles at `indexes` of `paths` on worker threads. */
async function onThreads(
  indexes: number[],
  size: number,
  paths: readonly string[],
  options: RunOptions,
  record: (index: number, file: VFile) => Promise<void>,
): Promise<void> {
  const {
    cacheDir: _cacheDir,
    jobs: _jobs,
    onProgress: _onProgress,
    handOver: _handOver,
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
  await runOnWorkers(threadPaths, { ...pipeline, check }, size, (outcome) => {
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
  });
  await Promise.all(settled);
}

/** Whether the compiled worker is there (it is not when running from the TypeScript sources). */
function workersAvailable(): boolean {
  return existsSync(workerEntry());
}

/** Everything besides an article's bytes that its result depends on. */
async function cacheContext(options: RunOptions): Promise<string> {
  const parts: unknown[] = [
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

async function fileKey(filePath: string, context: string): Promise<string> {
  try {
    // Synchronous, as in readArticle: one call instead of four thread-pool round trips.
    return sha256(`${context}\n${sha256(readFileSync(filePath))}`);
  } catch {
    return '';
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
