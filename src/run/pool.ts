import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerEntry } from './tool-root.js';
import type { Batch, Outcome, WorkerOptions } from './worker.js';

/**
 * Articles per worker thread below which threads cost more than they save. A
 * thread costs about 0.1 s to start and warm up; checking an article takes about
 * half a millisecond, building its editions tens of milliseconds. Measured on 2
 * cores (`citeproof check|build DIR --no-cache --jobs 0|2` on generated corpora):
 * checks of 1,000 articles were faster in one thread, of 10,000 1.7× faster on
 * two; builds of 64 articles were already faster on two.
 */
const perWorker = { check: 1000, build: 24 } as const;

/** Articles sent to a worker at once, at most (fewer towards the end, to finish together). */
const largestBatch = 32;

/**
 * How many worker threads to use for `count` articles (0: stay in this
 * thread): as many as pay off, up to the cores (and 8); or, when `requested`
 * (`--jobs`), that many, but never more than there are articles.
 */
export function workerCount(count: number, requested?: number, building = false): number {
  if (requested !== undefined) return Math.min(requested, count);
  const paying = Math.floor(count / perWorker[building ? 'build' : 'check']);
  return Math.max(0, Math.min(threadsWorthUsing(), paying));
}

/** Threads worth using at most: the cores, and no more than 8. */
export function threadsWorthUsing(): number {
  return Math.min(availableParallelism(), 8);
}

/** Workers in a row that may die before finishing anything, before the articles left are given up. */
const deathsInARow = 3;

/**
 * Check (and build) `paths` on `size` worker threads, in batches, each worker
 * kept one batch ahead; `done` is called as each article finishes (in any
 * order) with its index in `paths`. Resolves when all are done.
 *
 * A worker that dies (out of memory, a crash of a dependency) costs only its
 * articles: a new worker takes its place and retries each of the articles it
 * had in hand alone; one that kills that worker too is reported as failed with
 * the reason. The others' reports are kept.
 *
 * `here`, when given, makes this thread one more worker: it takes one article at a
 * time from the same queue (never a retry) and does it with `here`, giving the threads'
 * messages their turn between articles. A thread that has run already has its code
 * compiled and optimised, which a new worker has not.
 */
export async function runOnWorkers(
  paths: readonly string[],
  options: WorkerOptions,
  size: number,
  done: (outcome: Outcome) => void,
  url: string | URL = workerEntry(),
  here?: (id: number) => Promise<void>,
): Promise<void> {
  const retries: Batch[] = [];
  const live = new Set<Worker>();
  let next = 0;
  let finished = 0;
  let fruitlessDeaths = 0;
  let closing = false;
  // A retry goes to a worker with nothing else in hand, so that if it dies, no other article dies with it.
  const take = (idle: boolean, most = largestBatch): Batch | undefined => {
    const retry = idle ? retries.shift() : undefined;
    if (retry || next >= paths.length) return retry;
    const left = paths.length - next;
    const count = Math.max(1, Math.min(most, Math.floor(left / ((size + (here ? 1 : 0)) * 4))));
    const batch: Batch = { first: next, paths: paths.slice(next, next + count) };
    next += count;
    return batch;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      if (paths.length === 0) resolve();
      const count = (): void => {
        finished++;
        if (finished === paths.length) {
          closing = true;
          resolve();
        }
      };
      const complete = (outcome: Outcome): void => {
        done(outcome);
        count();
      };
      const inThisThread = async (work: (id: number) => Promise<void>): Promise<void> => {
        for (let batch = take(false, 1); batch && !closing; batch = take(false, 1)) {
          await work(batch.first);
          count();
          // The workers' messages (results, requests for more) wait for this turn.
          await new Promise((turn) => setImmediate(turn));
        }
      };
      const start = (): void => {
        const limits = workerResourceLimits();
        const worker = new Worker(url, {
          workerData: options,
          ...(limits && { resourceLimits: limits }),
        });
        const inHand = new Map<number, Batch>();
        live.add(worker);
        const send = (): void => {
          if ([...inHand.values()].some((batch) => batch.retry)) return;
          const batch = take(inHand.size === 0);
          if (!batch) return;
          inHand.set(batch.first, batch);
          worker.postMessage(batch);
        };
        worker.on('message', (outcomes: Outcome[]) => {
          fruitlessDeaths = 0;
          inHand.delete(outcomes[0]?.id ?? -1);
          for (const outcome of outcomes) complete(outcome);
          if (!closing) send();
        });
        let dead = false;
        const die = (reason: string): void => {
          if (dead || closing) return;
          dead = true;
          live.delete(worker);
          void worker.terminate();
          const givingUp = ++fruitlessDeaths >= deathsInARow;
          for (const batch of inHand.values())
            for (const [offset, filePath] of batch.paths.entries()) {
              const id = batch.first + offset;
              if (batch.retry || givingUp)
                complete({ id, error: `the worker thread checking it stopped (${reason})` });
              else retries.push({ first: id, paths: [filePath], retry: true });
            }
          if (givingUp)
            for (let batch = take(true); batch; batch = take(true))
              for (const id of batch.paths.keys())
                complete({
                  id: batch.first + id,
                  error: `worker threads keep stopping (${reason}); run with --jobs 1`,
                });
          else if (!closing) start();
        };
        worker.on('error', (error) => die(firstLine(error)));
        worker.on('exit', (code) => die(`exit code ${code}`));
        send();
        send();
      };
      // This thread takes its first article before the workers claim their first batches:
      // with few articles left they would otherwise take them all while this one waits.
      if (here) inThisThread(here).catch(reject);
      for (let index = 0; index < size; index++) start();
    });
  } finally {
    closing = true;
    await Promise.all([...live].map((worker) => worker.terminate()));
  }
}

/**
 * A bound on each worker thread's heap, from `CITEPROOF_WORKER_MEMORY_MB` (a
 * whole number of megabytes; otherwise V8's default): an article that would
 * exhaust it costs its worker, not the run.
 */
export function workerResourceLimits(
  env: Readonly<Record<string, string | undefined>> = process.env,
): { maxOldGenerationSizeMb: number } | undefined {
  const value = env['CITEPROOF_WORKER_MEMORY_MB'];
  if (value === undefined || !/^[1-9]\d{0,5}$/u.test(value)) return undefined;
  return { maxOldGenerationSizeMb: Number(value) };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
