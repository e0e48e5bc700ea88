// Bundles the CLI and its worker into one CommonJS file (dist/citeproof.cjs,
// from src/cli/entry.ts), so start-up does not pay for loading hundreds of small
// modules (about 200 ms on this machine), and writes the two entry points
// (dist/cli.js, dist/worker.js) that run it through src/cli/launch.ts with V8's
// code cache, which the bin and its worker threads share. pdfkit and fontkit are bundled without the Brotli decoder fontkit
// keeps for WOFF2 fonts and the AES pdfkit keeps for encryption, with Unicode
// tries built on first use (scripts/lazy-unicode-trie.cjs) and printable ASCII
// measured without ICU for the report (scripts/string-width.mjs), and one context
// object for mdast-util-from-markdown's events (scripts/from-markdown-context.mjs), and
// unist-util-visit-parents without renaming its visit function per node
// (scripts/visit-parents-name.mjs). Module code
// runs only when first needed (esbuild's lazy module wrappers), so `check` never
// runs the PDF stage's. Then scripts/shaping-tables.mjs precomputes the fonts'
// shaping tables (dist/shaping/) and scripts/code-cache.mjs warms the CLI up
// and saves its code cache.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { reuseCompileContext } from './from-markdown-context.mjs';
import { reuseConstructs } from './micromark-constructs.mjs';
import { withoutVisitNames } from './visit-parents-name.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
for (const name of readdirSync(dist))
  if (
    name.startsWith('chunk-') ||
    name.endsWith('.cjs') ||
    name.endsWith('.cache') ||
    name === 'fingerprint'
  )
    rmSync(path.join(dist, name));

const noBrotli = path.join(root, 'scripts', 'no-brotli.cjs');
const noAes = path.join(root, 'scripts', 'no-aes.mjs');
const lazyTrie = path.join(root, 'scripts', 'lazy-unicode-trie.cjs');
const stringWidth = path.join(root, 'scripts', 'string-width.mjs');
// One bundle for the bin, its workers and the library (src/index.ts, the package's main
// export, served by dist/index.js below): the package then ships its dependencies bundled
// once, and installs none (an install of 129 packages, 49 MB, before).
const library = `export * from './src/index.ts';\nexport { default } from './src/index.ts';\n`;
await build({
  absWorkingDir: root,
  stdin: {
    contents: `export * from './src/cli/entry.ts';\n${library}`,
    resolveDir: root,
    sourcefile: 'citeproof-bundle.ts',
    loader: 'ts',
  },
  outfile: 'dist/citeproof.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Without whitespace and comments: 1.66 MB to read at every start instead of 2.35 MB.
  // Names are kept (the module wrappers esbuild names by path, the profiles, the stacks).
  minifyWhitespace: true,
  alias: {
    'brotli/decompress.js': noBrotli,
    'brotli/decompress': noBrotli,
    '@noble/ciphers/aes': noAes,
    'unicode-trie': lazyTrie,
    'string-width': stringWidth,
  },
  plugins: [
    {
      // One context object for all of micromark's events (scripts/from-markdown-context.mjs).
      name: 'from-markdown-context',
      setup(bundler) {
        bundler.onLoad({ filter: /mdast-util-from-markdown[\\/]lib[\\/]index\.js$/ }, (args) => ({
          contents: reuseCompileContext(readFileSync(args.path, 'utf8')),
          loader: 'js',
        }));
      },
    },
    {
      // micromark's constructs combined once per extensions array (scripts/micromark-constructs.mjs).
      name: 'micromark-constructs',
      setup(bundler) {
        bundler.onLoad({ filter: /[\\/]micromark[\\/]lib[\\/]parse\.js$/ }, (args) => ({
          contents: reuseConstructs(readFileSync(args.path, 'utf8')),
          loader: 'js',
        }));
      },
    },
    {
      // No renaming of the visit function per node (scripts/visit-parents-name.mjs).
      name: 'visit-parents-name',
      setup(bundler) {
        bundler.onLoad({ filter: /unist-util-visit-parents[\\/]lib[\\/]index\.js$/ }, (args) => ({
          contents: withoutVisitNames(readFileSync(args.path, 'utf8')),
          loader: 'js',
        }));
      },
    },
    {
      // fdir (tinyglobby's crawler) looks for an optional picomatch with a require of its own
      // at load, which the bundle keeps as a require from dist/: in a checkout it found
      // node_modules/picomatch and loaded its five modules again on every start (about 5 ms),
      // and an install found whatever picomatch the user's tree holds. tinyglobby never calls
      // fdir's glob matching (it filters with the bundled picomatch), so the lookup goes.
      name: 'fdir-without-optional-picomatch',
      setup(bundler) {
        bundler.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (args) => {
          const source = readFileSync(args.path, 'utf8');
          const lookup =
            /try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/;
          if (!lookup.test(source))
            throw new Error(
              `${args.path}: fdir's optional picomatch lookup changed; see scripts/bundle.mjs`,
            );
          return { contents: source.replace(lookup, ''), loader: 'js' };
        });
      },
    },
  ],
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

// An ASCII bundle, read into a one-byte string: esbuild escapes strings but leaves the few
// regular expressions of letters and quotation marks (`[ğĞıİşŞ]`, `[“«‘]`) as written, and
// one such character made the whole 1.7 MB source a two-byte string, whose decoding was
// about 10 ms of every start. `\uXXXX` means the same character in a string, a cooked
// template, a comment and a regular expression, with or without the `u` flag. Where it would
// not, the build stops: after a backslash (`/\–/` without `u` would become a backslash and
// `u2013`), a line or paragraph separator (a line break in source), a surrogate (an astral
// character, which as two escapes is no identifier), and inside a String.raw template.
const bundled = path.join(dist, 'citeproof.cjs');
const unsafe = /\\[^\0-\x7f]|[\u2028\u2029\ud800-\udfff]|String\.raw`[^`]*[^\0-\x7f]/.exec(
  readFileSync(bundled, 'utf8'),
);
if (unsafe)
  throw new Error(
    `scripts/bundle.mjs: cannot write the bundle as ASCII: ${JSON.stringify(unsafe[0])} at ${unsafe.index}`,
  );
writeFileSync(
  bundled,
  readFileSync(bundled, 'utf8').replace(
    /[^\0-\x7f]/g,
    (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  ),
);

const entries = { cli: 'runCli', worker: 'serveWorker' };
for (const [entry, start] of Object.entries(entries)) {
  const file = path.join(dist, `${entry}.js`);
  writeFileSync(
    file,
    `${entry === 'cli' ? '#!/usr/bin/env node\n' : ''}// Generated by scripts/bundle.mjs: runs ${start}() of citeproof.cjs (see launch.js).
import { fileURLToPath } from 'node:url';
import { launch } from './cli/launch.js';

${
  entry === 'cli'
    ? `const { exports, tierUp } = launch(fileURLToPath(new URL('./citeproof.cjs', import.meta.url)), {
  deferTierUp: true,
});
exports.runCli(tierUp);`
    : `launch(fileURLToPath(new URL('./citeproof.cjs', import.meta.url))).exports.${start}();`
}
`,
  );
  chmodSync(file, 0o755);
}

// dist/index.js, the library: an ES module over the bundle's exports (replacing tsc's
// output; dist/index.d.ts and the declarations it imports stay tsc's).
const names = Object.keys(createRequire(import.meta.url)(path.join(dist, 'citeproof.cjs'))).filter(
  (name) => !['runCli', 'serveWorker', 'default'].includes(name),
);
writeFileSync(
  path.join(dist, 'index.js'),
  `// Generated by scripts/bundle.mjs: citeproof's public API (src/index.ts), from citeproof.cjs.
import { fileURLToPath } from 'node:url';
import { launch } from './cli/launch.js';

// A library never writes the code cache into the installed package (only the bin does).
const bundle = launch(fileURLToPath(new URL('./citeproof.cjs', import.meta.url)), {
  saveCache: false,
}).exports;
export default bundle.default;
export const { ${names.join(', ')} } = bundle;
`,
);

// Only the hyphenation patterns used (src/editions/pdf/hyphenate.ts), copied from the
// `hyphen` package (a devDependency: its 80 languages are 9.7 MB) into dist/hyphen/ as
// CommonJS (.cjs: dist/ is ESM), with its licence.
const hyphen = path.dirname(createRequire(import.meta.url).resolve('hyphen/package.json'));
const vendored = path.join(dist, 'hyphen');
rmSync(vendored, { recursive: true, force: true });
mkdirSync(path.join(vendored, 'patterns'), { recursive: true });
const copy = (from, to, edit = (text) => text) =>
  writeFileSync(path.join(vendored, to), edit(readFileSync(path.join(hyphen, from), 'utf8')));
copy('LICENSE', 'LICENSE');
copy('hyphen.js', 'hyphen.cjs');
copy('export-contract.js', 'export-contract.cjs', (text) =>
  text.replace('require("./hyphen.js")', 'require("./hyphen.cjs")'),
);
for (const patterns of ['en-us', 'tr', 'ru']) {
  copy(`patterns/${patterns}.js`, `patterns/${patterns}.cjs`);
  writeFileSync(
    path.join(vendored, `${patterns}.cjs`),
    `module.exports = require('./export-contract.cjs')(require('./patterns/${patterns}.cjs'));\n`,
  );
}

const runScript = (script) =>
  execFileSync(process.execPath, [path.join(root, 'scripts', script)], {
    cwd: root,
    stdio: 'inherit',
  });
runScript('shaping-tables.mjs');
// The tool's fingerprint (the cache trusts only entries made by the same build),
// computed once here rather than on every start (src/run/cache.ts).
const { computeToolFingerprint, fingerprintFile } = await import(
  pathToFileURL(path.join(dist, 'run', 'cache.js')).href
);
writeFileSync(
  path.join(dist, fingerprintFile),
  `${computeToolFingerprint(root)} ${statSync(path.join(dist, 'citeproof.cjs')).size}\n`,
);
runScript('code-cache.mjs');
