import { parentPort, workerData } from 'node:worker_threads';
import { type PipelineOptions, processArticle } from './pipeline.js';
import { type FileRecord, toRecord } from './serialize.js';

/** The pipeline options as plain data, given to each worker once (`workerData`). */
export type WorkerOptions = Omit<PipelineOptions, 'check'> & {
  check: { rules?: Record<string, 'off' | 'warning' | 'error'>; today: string };
};

/** A batch of articles for a worker: the index of the first, and their paths. */
export interface Batch {
  first: number;
  paths: string[];
  /** A retry of one article after the worker that had it died. */
  retry?: boolean;
}

/** What a worker sends back for each article: its messages, or why it failed. */
export type Outcome = { id: number; record: FileRecord } | { id: number; error: string };

const given = workerData as WorkerOptions | undefined;
const options: PipelineOptions | undefined = given && {
  ...given,
  check: { ...given.check, today: new Date(given.check.today) },
};

/**
 * A worker thread (dist/worker.js runs it from the bundle): checks (and builds)
 * the batches it is sent, one article at a time.
 */
export function serveWorker(): void {
  parentPort?.on('message', (batch: Batch) => {
    void run(batch).then((outcomes) => parentPort?.postMessage(outcomes));
  });
}

async function run(batch: Batch): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const [offset, filePath] of batch.paths.entries()) {
    const id = batch.first + offset;
    try {
      outcomes.push({
        id,
        record: toRecord(await processArticle(filePath, options ?? { cwd: '.' })),
      });
    } catch (error) {
      outcomes.push({ id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}
