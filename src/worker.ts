import { parentPort } from 'node:worker_threads';
import { type PipelineOptions, processArticle } from './pipeline.js';
import { toRecord } from './serialize.js';

/** A job for a worker: one article, and the options as plain data. */
export interface Job {
  id: number;
  path: string;
  options: Omit<PipelineOptions, 'check'> & {
    check: { rules?: Record<string, 'off' | 'warning' | 'error'>; today: string };
  };
}

// Each worker thread checks (and builds) the articles it is sent, one at a time.
parentPort?.on('message', (job: Job) => {
  const { check, ...rest } = job.options;
  const options: PipelineOptions = { ...rest, check: { ...check, today: new Date(check.today) } };
  processArticle(job.path, options).then(
    (file) => parentPort?.postMessage({ id: job.id, record: toRecord(file) }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
