import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of citeproof's own package.json, found from this module whether it
 * runs bundled (dist/citeproof.cjs), compiled (dist/run/…) or from src/ (tests).
 */
export function toolRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error('citeproof: cannot find its own package.json');
    folder = parent;
  }
  return folder;
}

/** The worker thread's entry (dist/worker.js, written by scripts/bundle.mjs). */
export function workerEntry(): string {
  return path.join(toolRoot(), 'dist', 'worker.js');
}
