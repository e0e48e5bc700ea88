// What dist/citeproof.cjs (made by scripts/bundle.mjs) exports: the bin and the worker
// share one bundle, and so one code cache (src/launch.ts).
export { runCli } from './cli.js';
export { serveWorker } from '../run/worker.js';
