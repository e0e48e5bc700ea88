import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  badness,
  type BreakOptions,
  defaultOptions,
  fitnessClass,
  type Item,
  never,
  totalFit,
} from '../src/editions/pdf/knuth-plass.js';

interface Case {
  name: string;
  items: string[];
  widths: number[];
  options: Partial<BreakOptions>;
  ends: number[] | null;
  ratios?: Array<number | 'Infinity'>;
}

const fixture = JSON.parse(
  readFileSync(new URL('fixtures/typography/knuth-plass.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

/** The fixture's notation: bW, gW/Y/Z, pC/W, hC/W (flagged), F (fill glue and a forced break). */
function itemsOf(notation: string[]): Item[] {
  return notation.flatMap((token): Item[] => {
    const numbers = token.slice(1).split('/').map(Number);
    const [a = 0, b = 0, c = 0] = numbers;
    switch (token[0]) {
      case 'b':
        return [{ type: 'box', width: a }];
      case 'g':
        return [{ type: 'glue', width: a, stretch: b, shrink: c }];
      case 'p':
      case 'h':
        return [{ type: 'penalty', cost: a, width: b, flagged: token[0] === 'h' }];
      case 'F':
        return [
          { type: 'glue', width: 0, stretch: 1e9, shrink: 0 },
          { type: 'penalty', cost: -never, width: 0, flagged: false },
        ];
      default:
        throw new Error(`unknown item ${token}`);
    }
  });
}

describe('Knuth–Plass total fit', () => {
  it.each(fixture.cases)('$name', ({ items, widths, options, ends, ratios }) => {
    const breaks = totalFit(itemsOf(items), widths, options);
    if (ends === null) {
      expect(breaks).toBeUndefined();
      return;
    }
    expect(breaks?.map((line) => line.end)).toEqual(ends);
    breaks?.forEach((line, index) => {
      const expected = ratios?.[index];
      if (expected === 'Infinity') expect(line.ratio).toBe(Number.POSITIVE_INFINITY);
      else if (expected !== undefined) expect(line.ratio).toBeCloseTo(expected, 6);
    });
  });

  it('should grade badness and fitness as the paper does', () => {
    expect(badness(0)).toBe(0);
    expect(badness(1)).toBe(100);
    expect(badness(-0.5)).toBe(12.5);
    expect(badness(3)).toBe(2700);
    expect(badness(Number.POSITIVE_INFINITY)).toBe(10_000);
    expect([-0.8, -0.5, 0, 0.5, 0.8, 1, 1.2].map(fitnessClass)).toEqual([0, 1, 1, 1, 2, 2, 3]);
  });

  /** The breaker's breaks cost the least demerits any breaking has, or none exists. */
  const agreesWithTryingAll = (items: Item[], widths: number[], tolerance: number): void => {
    const options = { ...defaultOptions, tolerance };
    const found = totalFit(items, widths, options);
    const best = bruteForce(items, widths, options);
    if (best === undefined) expect(found).toBeUndefined();
    else {
      expect(found).toBeDefined();
      const ends = (found ?? []).map((line) => line.end);
      expect(demeritsOf(items, ends, widths, options)).toBeCloseTo(best, 3);
    }
  };

  it('should find the breaking of least demerits, as trying every breaking does, at every tolerance', () => {
    fc.assert(
      fc.property(
        paragraphs,
        fc.integer({ min: 20, max: 60 }),
        // Below 10,000 the breaker skips the nodes too far back for a line to reach here.
        fc.constantFrom(100, 200, 800, 10_000),
        (items, width, tolerance) => agreesWithTryingAll(items, [width], tolerance),
      ),
      { seed: 1201, numRuns: 400 },
    );
  });

  it('should find the breaking of least demerits with lines of other widths (the first two), as trying every breaking does', () => {
    fc.assert(
      fc.property(
        paragraphs,
        fc.array(fc.integer({ min: 15, max: 60 }), { minLength: 2, maxLength: 3 }),
        fc.constantFrom(200, 800, 10_000),
        agreesWithTryingAll,
      ),
      { seed: 1201, numRuns: 400 },
    );
  });

  it('should break a 2,000-word paragraph in a few milliseconds', () => {
    const items: Item[] = [];
    for (let word = 0; word < 2000; word++) {
      if (word > 0) items.push({ type: 'glue', width: 3, stretch: 1.5, shrink: 1 });
      items.push({ type: 'box', width: 10 + ((word * 7) % 23) });
      if (word % 3 === 0) {
        items.push({ type: 'penalty', width: 3, cost: 50, flagged: true });
        items.push({ type: 'box', width: 9 });
      }
    }
    items.push(...itemsOf(['F']));
    const started = performance.now();
    const breaks = totalFit(items, [340]);
    expect(breaks?.length).toBeGreaterThan(100);
    // A quadratic blow-up (every node kept active) takes seconds; the breaker takes milliseconds.
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

/** Random paragraphs of words (some with a hyphen point) and spaces. */
const paragraphs = fc
  .array(
    fc.record({
      width: fc.integer({ min: 2, max: 14 }),
      hyphenAt: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((words) => {
    const items: Item[] = [];
    words.forEach((word, index) => {
      if (index > 0) items.push({ type: 'glue', width: 2, stretch: 1, shrink: 0.7 });
      if (word.hyphenAt !== undefined && word.hyphenAt < word.width) {
        items.push({ type: 'box', width: word.hyphenAt });
        items.push({ type: 'penalty', width: 1, cost: 50, flagged: true });
        items.push({ type: 'box', width: word.width - word.hyphenAt });
      } else items.push({ type: 'box', width: word.width });
    });
    items.push(...itemsOf(['F']));
    return items;
  });

/** The total demerits of breaking at `ends`, by the definitions alone; `undefined` if not allowed. */
function demeritsOf(
  items: Item[],
  ends: number[],
  widths: number | number[],
  options: BreakOptions,
): number | undefined {
  const all = typeof widths === 'number' ? [widths] : widths;
  let total = 0;
  let line = 0;
  let start = 0;
  let previousFitness = 1;
  let previousFlagged = false;
  let inRow = 0;
  for (const end of ends) {
    const width = all[Math.min(line++, all.length - 1)] ?? 0;
    let length = 0;
    let stretch = 0;
    let shrink = 0;
    while (start < end && items[start]?.type !== 'box') start++;
    for (let index = start; index < end; index++) {
      const item = items[index] as Item;
      if (item.type === 'box') length += item.width;
      if (item.type === 'glue') {
        length += item.width;
        stretch += item.stretch;
        shrink += item.shrink;
      }
    }
    const at = items[end] as Item;
    if (at.type === 'penalty') length += at.width;
    const ratio =
      length < width
        ? stretch > 0
          ? (width - length) / stretch
          : Number.POSITIVE_INFINITY
        : length > width
          ? shrink > 0
            ? (width - length) / shrink
            : Number.NEGATIVE_INFINITY
          : 0;
    if (ratio < -1) return undefined;
    const bad = badness(ratio);
    if (bad > options.tolerance) return undefined;
    const flagged = at.type === 'penalty' && at.flagged;
    inRow = flagged ? inRow + 1 : 0;
    if (inRow > options.maxFlaggedInRow) return undefined;
    const cost = at.type === 'penalty' ? at.cost : 0;
    let demerits = (options.linePenalty + bad) ** 2;
    if (cost >= 0) demerits += cost ** 2;
    else if (cost > -never) demerits -= cost ** 2;
    if (flagged && previousFlagged) demerits += options.flaggedDemerits;
    if (end === items.length - 1 && previousFlagged) demerits += options.finalFlaggedDemerits;
    const fitness = fitnessClass(ratio);
    if (Math.abs(fitness - previousFitness) > 1) demerits += options.fitnessDemerits;
    total += demerits;
    previousFitness = fitness;
    previousFlagged = flagged;
    start = end + 1;
  }
  return total;
}

/** The least total demerits over every set of legal breakpoints. */
function bruteForce(
  items: Item[],
  width: number | number[],
  options: BreakOptions,
): number | undefined {
  const legal = items.flatMap((item, index) =>
    index < items.length - 1 &&
    ((item.type === 'glue' && items[index - 1]?.type === 'box') ||
      (item.type === 'penalty' && item.cost < never))
      ? [index]
      : [],
  );
  let best: number | undefined;
  for (let mask = 0; mask < 2 ** legal.length; mask++) {
    const ends = legal.filter((_, bit) => (mask >> bit) & 1);
    ends.push(items.length - 1);
    const demerits = demeritsOf(items, ends, width, options);
    if (demerits !== undefined && (best === undefined || demerits < best)) best = demerits;
  }
  return best;
}
