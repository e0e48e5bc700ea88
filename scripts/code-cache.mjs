// Warms the bundled CLI up (a build of scripts/warm-up.md: check, Markdown and PDF
// editions) and saves V8's code cache next to dist/citeproof.cjs (see src/cli/launch.ts).
// Run by scripts/bundle.mjs; the warm-up must pass without a message.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'citeproof.cjs');
const out = mkdtempSync(path.join(os.tmpdir(), 'citeproof-warm-up-'));
const article = path.join(root, 'scripts', 'warm-up.md');
process.argv = [
  process.argv[0],
  path.join(root, 'dist', 'cli.js'),
  'build',
  article,
  '--no-cache',
  '--quiet',
  '--out',
  out,
];

const { launch, saveCodeCache } = await import(
  pathToFileURL(path.join(root, 'dist', 'cli', 'launch.js')).href
);
const { script, exports } = launch(bundle);
exports.runCli();
process.on('exit', () => {
  rmSync(out, { recursive: true, force: true });
  if (process.exitCode) {
    process.stderr.write(`scripts/code-cache.mjs: the warm-up build of ${article} failed\n`);
  } else {
    saveCodeCache(bundle, script);
  }
});
