import { describe, expect, it } from 'vitest';
import { fastParse } from '../../src/parse/fast-parse.js';
import { disagreementsFor } from '../differential/disagreements.js';
import { mutations, plainArticles, runs, seed } from '../differential/inputs.js';

describe('footnote findings match an oracle built on micromark alone, on generated documents', () => {
  it(`should agree on ${runs} generated documents (seed ${seed})`, async () => {
    expect(await disagreementsFor(mutations())).toEqual([]);
  }, 300_000);

  it(`should agree on ${runs} generated plain articles, a share of them taken by the fast path`, async () => {
    const inputs = plainArticles();
    expect(await disagreementsFor(inputs)).toEqual([]);
    const taken = inputs.filter((input) => fastParse(input.text) !== undefined).length;
    // Labels over 100 characters are left to micromark, so not every article is taken.
    expect(taken).toBeGreaterThan(inputs.length / 10);
  }, 300_000);
});
