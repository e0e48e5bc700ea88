import { expect } from 'vitest';

/**
 * Whether `a` and `b` are the same data as JSON writes them: arrays item by item, objects
 * key by key with the keys whose value is `undefined` left out, prototypes ignored. Trees
 * hold nothing else (strings, numbers, booleans, null). Used instead of a JSON round trip
 * and Vitest's `toEqual`, which together were most of the time of the tests that compare
 * thousands of trees with micromark's.
 */
export function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => samePlain(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  if (keys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length)
    return false;
  return keys.every((key) => samePlain(left[key], right[key]));
}

/** `value` as JSON would give it back. */
export function plainData(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * Expect `actual` to be the tree `expected`, as plain data. Vitest's `toEqual` (with its
 * readable difference) runs only when they differ, and a difference it does not see stops
 * the test too: `samePlain` is never the only judge of a pass.
 */
export function expectSameTree(actual: unknown, expected: unknown, name?: string): void {
  if (samePlain(actual, expected)) return;
  expect(plainData(actual), name).toEqual(plainData(expected));
  throw new Error(`${name ?? 'tree'}: samePlain and toEqual disagree`);
}
