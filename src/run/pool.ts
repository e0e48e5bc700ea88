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

/**
 * Check (and build) `paths` on `size` worker threads, in batches, each worker
 * kept one batch ahead; `done` is called as each article finishes (in any
 * order) with its index in `paths`. Resolves when all are done.
 */
export async function runOnWorkers(
  paths: readonly string[],
  options: WorkerOptions,
  size: number,
  done: (outcome: Outcome) => void,
): Promise<void> {
  const url = workerEntry();
  let next = 0;
  let finished = 0;
  const workers = Array.from({ length: size }, () => new Worker(url, { workerData: options }));
  try {
    await new Promise<void>((resolve, reject) => {
      if (paths.length === 0) resolve();
      const send = (worker: Worker): void => {
        if (next >= paths.length) return;
        const left = paths.length - next;
        const count = Math.max(1, Math.min(largestBatch, Math.floor(left / (size * 4))));
        const batch: Batch = { first: next, paths: paths.slice(next, next + count) };
        next += count;
        worker.postMessage(batch);
      };
      for (const worker of workers) {
        worker.on('message', (outcomes: Outcome[]) => {
          for (const outcome of outcomes) done(outcome);
          finished += outcomes.length;
          if (finished === paths.length) resolve();
          else send(worker);
        });
        worker.on('error', reject);
        send(worker);
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
