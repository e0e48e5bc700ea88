// Bundles the CLI and its worker into single files, so start-up does not pay for
// loading hundreds of small modules (about 200 ms on this machine). pdfkit and
// fontkit are bundled too (into the chunk only `build` loads), without the
// Brotli decoder fontkit keeps for WOFF2 fonts and the AES pdfkit keeps for
// encryption; old chunks are removed first.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
for (const name of readdirSync(dist)) if (name.startsWith('chunk-')) rmSync(path.join(dist, name));

const noBrotli = path.join(root, 'scripts', 'no-brotli.cjs');
const noAes = path.join(root, 'scripts', 'no-aes.mjs');
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts', worker: 'src/worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  splitting: true,
  chunkNames: 'chunk-[name]-[hash]',
  alias: {
    'brotli/decompress.js': noBrotli,
    'brotli/decompress': noBrotli,
    '@noble/ciphers/aes': noAes,
  },
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
