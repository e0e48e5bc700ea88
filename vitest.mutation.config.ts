import { defineConfig } from 'vitest/config';

/**
 * The fast, in-process tests of the logic Stryker mutates (`npm run mutation`):
 * no test here spawns the bin or needs `dist/`, so each mutant costs
 * milliseconds. The full suite (`vitest.config.ts`) still runs in CI.
 */
export default defineConfig({
  test: {
    include: [
      'tests/rules.test.ts',
      'tests/rule-examples.test.ts',
      'tests/labels.test.ts',
      'tests/source-entry.test.ts',
      'tests/dates.test.ts',
      'tests/docs.test.ts',
      'tests/plugin.test.ts',
      'tests/markdown.test.ts',
      'tests/model.test.ts',
      'tests/rules-more.test.ts',
      'tests/rule-options.test.ts',
      // The unsupported-character rule: positions, the 200 named, silences (in process, fonts read once).
      'tests/fonts.test.ts',
      'tests/citation-bugs.test.ts',
      'tests/write.test.ts',
      'tests/write-flush.test.ts',
      'tests/cache-file.test.ts',
      'tests/write-paths.test.ts',
      'tests/report.test.ts',
      'tests/config.test.ts',
      'tests/import.test.ts',
      'tests/short-name.test.ts',
      'tests/calls.test.ts',
      // The footnote call sites of model/calls.ts, compared with micromark's (in process, ~13 s).
      'tests/differential.test.ts',
      'tests/deep/differential.test.ts',
    ],
    testTimeout: 30_000,
  },
});
