import { type Plugin, defineConfig } from 'vitest/config';

/**
 * Test files that change what other files would see in the same process, so each runs
 * in a process of its own: `vi.mock` of a module the others import (speed-switch,
 * write-flush), and fonts whose glyph cache a test fills in a way a build never does
 * (pdf-shaping calls fontkit's `layout` directly, with every feature, and its glyph
 * objects then carry other characters into later PDFs of the process).
 */
const ownProcess = [
  'tests/speed-switch.test.ts',
  'tests/write-flush.test.ts',
  'tests/pdf-shaping.test.ts',
];
const deepOwnProcess = ['tests/deep/pdf-shaping.test.ts'];

/**
 * The dependencies' production builds, which the bundled bin runs too (esbuild sets no
 * `development` condition): Vitest asks Node for the `development` exports, and micromark's
 * then log through `debug` and check its own invariants on every token, which made the
 * suite's parses (micromark is the oracle of five test files) about a fifth slower.
 */
const productionBuilds: Plugin = {
  name: 'citeproof:production-builds',
  configEnvironment(name, options) {
    if (name === 'ssr' && options.resolve?.conditions)
      options.resolve.conditions = options.resolve.conditions.filter(
        (condition) => condition !== 'development|production' && condition !== 'development',
      );
  },
};

export default defineConfig({
  plugins: [productionBuilds],
  test: {
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    // Every core: most files wait on nothing, and the suite is CPU-bound (Vitest's default
    // leaves one core free, which on 2 cores runs the files one after the other).
    maxWorkers: '100%',
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['tests/*.test.ts'],
          exclude: ownProcess,
          // The other files share a process per worker: importing unified, micromark, pdfkit
          // and fontkit again for each of 60 files took longer than most of their tests
          // (44 small files: 50 s isolated, 19 s shared). They restore what they change
          // (vi.unstubAllEnvs, process.env['TZ']), and never process.chdir.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'own-process', include: ownProcess, isolate: true } },
      // The long proofs (`npm run test:deep`, run by CI after `npm test`): the speed paths
      // compared with their references on thousands of generated inputs and on every
      // fixture's pages as pixels, and the worst 1 MB article within the parser's limits.
      {
        extends: true,
        test: {
          name: 'deep',
          include: ['tests/deep/*.test.ts'],
          exclude: deepOwnProcess,
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'deep-own-process', include: deepOwnProcess, isolate: true },
      },
    ],
  },
});
