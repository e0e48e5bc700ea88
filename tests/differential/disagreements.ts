import { VFile } from 'vfile';
import { location } from 'vfile-location';
import { fastParse } from '../../src/parse/fast-parse.js';
import { parse } from '../../src/parse/parse.js';
import { check } from '../../src/rules/check.js';
import type { Severity } from '../../src/rules/index.js';
import { samePlain } from '../same-tree.js';
import type { Input } from './inputs.js';
import { micromarkTree, oracle } from './oracle.js';

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

/**
 * Where the checker's footnote findings (or the fast path's tree, where it takes the text)
 * differ from the oracle's on each input, one line each.
 */
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
