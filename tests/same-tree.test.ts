import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSameTree, plainData, samePlain } from './same-tree.js';

describe('samePlain, the tree comparison of the differential tests', () => {
  const tree = {
    type: 'root',
    children: [{ type: 'text', value: 'a', position: { start: { line: 1, offset: 0 } } }],
  };

  it('should find a difference however deep, in a value, a key or a length', () => {
    const moved = structuredClone(tree);
    moved.children[0]!.position.start.offset = 1;
    expect(samePlain(tree, moved)).toBe(false);
    expect(samePlain(tree, { ...tree, data: {} })).toBe(false);
    expect(samePlain(tree, { ...tree, children: [...tree.children, ...tree.children] })).toBe(
      false,
    );
    expect(samePlain([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(samePlain({ a: null }, {})).toBe(false);
    expect(samePlain({ a: 1 }, { b: 1 })).toBe(false);
  });

  it('should see the same data as JSON: undefined fields and prototypes do not count', () => {
    expect(samePlain({ ...tree, data: undefined }, structuredClone(tree))).toBe(true);
    expect(samePlain(Object.assign(Object.create({ inherited: 1 }), tree), tree)).toBe(true);
  });

  it('should judge generated pairs as a JSON round trip and deep strict equality do', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(value, value, fc.nat(), (a, b, pick) => {
        // Half the pairs are a value and its copy, half two generated values.
        const copy = pick % 2 === 0 ? b : structuredClone(a);
        expect(samePlain(a, copy)).toBe(isDeepStrictEqual(plainData(a), plainData(copy)));
      }),
      { seed: 1201, numRuns: 2000 },
    );
  });

  it('should fail through toEqual, with its difference, when the trees differ', () => {
    expect(() => expectSameTree({ a: 1 }, { a: 2 }, 'name')).toThrow(/name.*expected/su);
    expect(() => expectSameTree(tree, structuredClone(tree))).not.toThrow();
  });
});
