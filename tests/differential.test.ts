import { VFile } from 'vfile';
import { location } from 'vfile-location';
import { describe, expect, it } from 'vitest';
import { fastParse } from '../src/parse/fast-parse.js';
import { parse } from '../src/parse/parse.js';
import { check } from '../src/rules/check.js';
import type { Severity } from '../src/rules/index.js';
import {
  commonmarkExamples,
  footnoteVariants,
  type Input,
  mutations,
  plainArticles,
  readmeExamples,
  runs,
  seed,
} from './differential/inputs.js';
import { micromarkTree, oracle } from './differential/oracle.js';
import { samePlain } from './same-tree.js';

const only: Record<string, Severity> = {
  'undefined-reference': 'error',
  'duplicate-source': 'error',
  'unused-source': 'warning',
};

/** The checker's footnote findings on `text`, in the oracle's terms. */
async function checker(
  text: string,
): Promise<{ undefinedCalls: string[]; duplicates: number[]; unused: number[] }> {
  const file = new VFile({ path: 'differential.md', value: text });
  const all = Object.fromEntries(
    [
      'empty-source',
      'unresolved-back-reference',
      'invalid-access-date',
      'missing-locator',
      'duplicate-locator',
      'plain-citation',
      'citation-order',
      'invalid-front-matter',
    ].map((id) => [id, 'off' as Severity]),
  );
  await check(parse(file), file, { rules: { ...all, ...only }, today: new Date('2026-11-27') });
  const place = location(file);
  const offset = (message: (typeof file.messages)[number]): number => {
    const start = message.place && 'start' in message.place ? message.place.start : message.place;
    return start ? (place.toOffset(start) ?? -1) : -1;
  };
  const of = (id: string) => file.messages.filter((message) => message.ruleId === id);
  return {
    undefinedCalls: of('undefined-reference').map(
      (message) => `${offset(message)} ${message.reason}`,
    ),
    duplicates: of('duplicate-source').map(offset),
    unused: of('unused-source').map(offset),
  };
}

function reason(label: string): string {
  const longest = Math.max(0, ...[...label.matchAll(/`+/gu)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${label}${pad}${fence}`;
}

export async function disagreementsFor(inputs: readonly Input[]): Promise<string[]> {
  const found: string[] = [];
  for (const input of inputs) {
    const expected = oracle(input.text);
    const actual = await checker(input.text);
    const expectedCalls = expected.undefinedCalls
      .map(
        (call) => `${call.offset} Unexpected reference to undefined source ${reason(call.label)}`,
      )
      .sort();
    const actualCalls = actual.undefinedCalls
      .map((text) => text.replace(/, expected a source entry.*$/su, ''))
      .sort();
    const problems: string[] = [];
    if (JSON.stringify(actualCalls) !== JSON.stringify(expectedCalls))
      problems.push(
        `undefined: checker ${JSON.stringify(actualCalls)}, micromark ${JSON.stringify(expectedCalls)}`,
      );
    if (JSON.stringify(actual.duplicates) !== JSON.stringify(expected.duplicates))
      problems.push(`duplicates: checker ${actual.duplicates}, micromark ${expected.duplicates}`);
    if (JSON.stringify(actual.unused) !== JSON.stringify(expected.unused))
      problems.push(`unused: checker ${actual.unused}, micromark ${expected.unused}`);
    const tree = fastParse(input.text);
    if (tree && !samePlain(tree, micromarkTree(input.text)))
      problems.push('the fast path made another tree than micromark');
    if (problems.length > 0)
      found.push(`${input.name} ${JSON.stringify(input.text)}: ${problems.join('; ')}`);
  }
  return found;
}

describe('footnote findings match an oracle built on micromark alone', () => {
  it('should agree on every CommonMark 0.31.2 spec example', async () => {
    const inputs = commonmarkExamples();
    expect(inputs.length).toBe(652);
    expect(await disagreementsFor(inputs)).toEqual([]);
  });

  it('should agree on the spec examples with their links made footnote calls', async () => {
    expect(await disagreementsFor(footnoteVariants(commonmarkExamples()))).toEqual([]);
  });

  it('should agree on the examples of the GFM extensions’ readmes', async () => {
    const inputs = readmeExamples();
    expect(inputs.length).toBeGreaterThan(15);
    expect(await disagreementsFor([...inputs, ...footnoteVariants(inputs)])).toEqual([]);
  });

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

  it('should leave link and footnote labels of 999 characters and more to micromark', () => {
    for (const length of [999, 1000]) {
      const label = 'y'.repeat(length);
      const text = `A [${label}] and a call.[^${label}]\n\n[${label}]: https://example.com\n\n[^${label}]: Jane Doe.\n`;
      expect(fastParse(text)).toBeUndefined();
      expect(micromarkTree(text).children.map((node) => node.type)).toEqual(
        length === 999
          ? ['paragraph', 'definition', 'footnoteDefinition']
          : ['paragraph', 'paragraph', 'paragraph'],
      );
    }
  });
});
