import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { notesOf } from '../src/model/notes.js';
import { Recent } from '../src/model/recent.js';
import { indexTree } from '../src/model/tree-index.js';
import { parse } from '../src/parse/parse.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('Recent', () => {
  it('should give what was set for the same object, and nothing for an equal one', () => {
    const recent = new Recent<object, string>();
    const key = {};
    recent.set(key, 'made');
    expect(recent.get(key)).toBe('made');
    expect(recent.get({})).toBeUndefined();
  });

  it('should keep the last `size` keys, a key set again counting as new', () => {
    const recent = new Recent<object, number>(3);
    const keys = [{}, {}, {}, {}];
    keys.slice(0, 3).forEach((key, index) => recent.set(key, index));
    recent.set(keys[0] as object, 10);
    recent.set(keys[3] as object, 3);
    expect(keys.map((key) => recent.get(key))).toEqual([10, undefined, 2, 3]);
  });
});

/** V8's collector of the young generation (a scavenge), run now; `--expose-gc` at run time. */
function scavenge(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as (options: object) => void)({ type: 'minor', execution: 'sync' });
}

function youngBytes(): number {
  const space = v8.getHeapSpaceStatistics().find((each) => each.space_name === 'new_space');
  return space?.space_used_size ?? 0;
}

describe('the trees the rules looked at', () => {
  // A WeakMap of trees kept every tree indexed since the last scavenge alive through it
  // (V8 copies the values of an old WeakMap whatever their keys; recent.ts), about a fifth of
  // what a check allocates. Trees are made and dropped here as the rules do, then one scavenge
  // runs: what survives it is what the caches of the last few trees hold, a fraction of what
  // the same 40 trees kept on purpose come to.
  it('should not be kept through a collection of the young generation once dropped', () => {
    const text = readFileSync(path.join(root, 'source', 'kazakhstan-france-relations.md'), 'utf8');
    const looked = (): unknown[] => {
      const tree = parse(new VFile(text));
      return [tree, indexTree(tree), notesOf(tree, text)];
    };
    const kept: unknown[] = [];
    const survivors = (keep: boolean): number => {
      scavenge();
      scavenge();
      const before = youngBytes();
      for (let count = 0; count < 40; count++) {
        const made = looked();
        if (keep) kept.push(made);
      }
      scavenge();
      return youngBytes() - before;
    };
    looked();
    const dropped = survivors(false);
    const all = survivors(true);
    expect(kept).toHaveLength(40);
    expect(all).toBeGreaterThan(200_000);
    expect(dropped).toBeLessThan(all / 4);
  });
});
