import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  commonmarkExamples,
  document,
  footnoteVariants,
  mutations,
  readmeExamples,
  seed,
} from '../differential/inputs.js';
import { compareSegmented, markdownFiles } from '../differential/trees.js';
import { root } from '../helpers.js';

describe('the segmented parse makes the tree micromark makes, on the spec examples and generated documents', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'citeproof-segments-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('on the CommonMark and GFM examples, alone and run together', () => {
    const examples = [...commonmarkExamples(), ...readmeExamples()];
    const all = [...examples, ...footnoteVariants(examples)];
    compareSegmented(all);
    // Runs of neighbouring examples: every kind of block before and after every cut.
    const runs = [];
    for (let index = 0; index + 4 <= all.length; index += 2) {
      const group = all.slice(index, index + 4);
      runs.push({
        name: group.map((each) => each.name).join(' + '),
        text: group.map((each) => each.text).join('\n\n'),
      });
    }
    expect(compareSegmented(runs)).toBeGreaterThan(300);
  });

  it(`on generated documents (seed ${seed})`, () => {
    expect(compareSegmented(mutations(1000, seed))).toBeGreaterThan(300);
  });

  it('on generated documents of many blocks', () => {
    const long = fc
      .array(document, { minLength: 2, maxLength: 5 })
      .map((parts) => parts.join('\n\n'));
    const inputs = fc
      .sample(long, { seed, numRuns: 120 })
      .map((text, index) => ({ name: `long ${seed}/${index}`, text }));
    expect(compareSegmented(inputs)).toBeGreaterThan(60);
  }, 600_000);

  it('on articles like real writing, taking most of their text on the one-pass path', () => {
    execFileSync(
      process.execPath,
      [path.join(root, 'bench', 'gen-realistic.mjs'), scratch, '100', '29'],
      {
        stdio: 'ignore',
      },
    );
    const files = markdownFiles(scratch);
    expect(files).toHaveLength(100);
    const cut = compareSegmented(
      files.map((file) => ({ name: path.basename(file), text: readFileSync(file, 'utf8') })),
    );
    expect(cut).toBe(100);
  });
});
