import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Batch, Outcome, WorkerOptions } from './worker.js';

/** Articles per worker below which threads cost more than they save. */
const perWorker = 24;

/** Articles sent to a worker at once, at most (fewer towards the end, to finish together). */
const largestBatch = 32;

/** How many worker threads to use for `count` articles (0: stay in this thread). */
export function workerCount(count: number, requested?: number): number {
  const cores = requested ?? availableParallelism();
  return Math.max(0, Math.min(cores, 8, Math.floor(count / perWorker)));
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
  const url = new URL('./worker.js', import.meta.url);
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
