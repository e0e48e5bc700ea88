// Bundles the CLI and its worker into single files, so start-up does not pay for
// loading hundreds of small modules (about 200 ms on this machine). pdfkit and
// fontkit stay external: they read data files next to themselves, and only
// `build` loads them.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli.ts', worker: 'src/worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  splitting: true,
  chunkNames: 'chunk-[name]-[hash]',
  external: ['pdfkit', 'fontkit'],
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
