import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain ES module of the build scripts, without types.
import { buildInputsHash, isBuilt, writeStamp } from '../scripts/build-stamp.mjs';

/**
 * Compile and bundle `src/` into `dist/` once, so the tests that spawn the real bin run the
 * current code; skipped when dist/ was built from the very same inputs (scripts/build-stamp.mjs:
 * `npm ci` has just built it in CI, or an earlier run did).
 */
export default function setup(): () => void {
  requirePoppler();
  // Runs outside a package (scratch folders in the temporary folder) keep their default cache
  // in the user's cache folder: the tests' go to a folder of their own, removed at the end
  // (the test processes and the bins they spawn inherit the variable).
  const cacheHome = mkdtempSync(path.join(tmpdir(), 'citeproof-test-cache-'));
  process.env['XDG_CACHE_HOME'] = cacheHome;
  // The tests' temporary folders (scratch copies of projects, outputs) go to a folder of the
  // run's, removed at the end too: a run left about 320 in the temporary folder. `os.tmpdir()`
  // reads TMPDIR at each call, in the test processes and in the bins they spawn.
  const scratch = mkdtempSync(path.join(tmpdir(), 'citeproof-test-scratch-'));
  process.env['TMPDIR'] = scratch;
  const teardown = (): void => {
    rmSync(cacheHome, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  };
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  if (isBuilt(root)) return teardown;
  const inputs: string = buildInputsHash(root);
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, stdio: 'inherit' });
  writeStamp(root, inputs);
  return teardown;
}

/**
 * The PDF tests read the editions with poppler-utils (`pdftotext`, `pdffonts`, `pdfinfo`,
 * `pdfimages`): without it they would fail one by one with `spawnSync pdftotext ENOENT`.
 */
function requirePoppler(): void {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'The tests need poppler-utils (pdftotext) to read the PDF editions: install it first (Debian, Ubuntu: apt-get install poppler-utils qpdf), as README.md says.',
    );
  }
}
