import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileRecord } from './serialize.js';
import type { Job } from './worker.js';

/** Articles per worker below which threads cost more than they save. */
const perWorker = 24;

/** How many worker threads to use for `count` articles (0: stay in this thread). */
export function workerCount(count: number, requested?: number): number {
  const cores = requested ?? availableParallelism();
  return Math.max(0, Math.min(cores, 8, Math.floor(count / perWorker)));
}

/**
 * Run jobs on `size` worker threads, each kept two jobs ahead; `done` is
 * called as each finishes (in any order). Resolves when all are done.
 */
export async function runOnWorkers(
  jobs: ReadonlyArray<Omit<Job, 'id'>>,
  size: number,
  done: (index: number, result: { record: FileRecord } | { error: string }) => void,
): Promise<void> {
  const url = new URL('./worker.js', import.meta.url);
  let next = 0;
  let finished = 0;
  const workers = Array.from({ length: size }, () => new Worker(url));
  try {
    await new Promise<void>((resolve, reject) => {
      if (jobs.length === 0) resolve();
      const send = (worker: Worker): void => {
        if (next >= jobs.length) return;
        const job = jobs[next];
        if (job) worker.postMessage({ ...job, id: next });
        next++;
      };
      for (const worker of workers) {
        worker.on('message', (message: { id: number; record?: FileRecord; error?: string }) => {
          done(
            message.id,
            message.record
              ? { record: message.record }
              : { error: message.error ?? 'worker failed' },
          );
          finished++;
          if (finished === jobs.length) resolve();
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
