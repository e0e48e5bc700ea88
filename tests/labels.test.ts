import fc from 'fast-check';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { describe, expect, it } from 'vitest';
import type { FootnoteReference } from 'mdast';
import {
  findFootnoteCalls,
  isEscaped,
  labelEnd,
  labelKey,
  writtenLabel,
} from '../src/model/labels.js';
// Data, read when the module loads: Stryker counts its mutants as static (docs/rules.md, which
// shows every pair, is compared with the modules by tests/docs.test.ts).
import { labelPairs } from '../src/rules/label-semantics.js';

describe('labelKey', () => {
  it("should be micromark's key (normalizeIdentifier, then lower case) of any label (fast-check, fixed seed)", () => {
    const key = (label: string): string => normalizeIdentifier(label).toLowerCase();
    for (let code = 0; code < 256; code++) {
      const label = `a${String.fromCharCode(code)}1`;
      expect(labelKey(label), JSON.stringify(label)).toBe(key(label));
    }
    fc.assert(
      fc.property(fc.stringMatching(/^[\t\n !-~ßİıÅΣσς\u212a\u0130-]{1,12}$/u), (label) => {
        expect(labelKey(label)).toBe(key(label));
      }),
      { seed: 1202, numRuns: 3000 },
    );
  });

  it('should compare labels as GFM does (case, Unicode case folding, whitespace)', () => {
    expect(labelKey('NOTE')).toBe(labelKey('note'));
    expect(labelKey('Straße')).toBe(labelKey('STRASSE'));
    expect(labelKey('a  b')).toBe(labelKey('a b'));
    expect(labelKey('İ')).not.toBe(labelKey('x'));
  });
});

describe('findFootnoteCalls', () => {
  it('should find calls with their offsets', () => {
    expect(findFootnoteCalls('text.[^1] more[^note].')).toEqual([
      { label: '1', start: 5, end: 9 },
      { label: 'note', start: 14, end: 21 },
    ]);
  });

  it('should skip escaped brackets but not escaped backslashes', () => {
    expect(findFootnoteCalls('\\[^1]')).toEqual([]);
    expect(findFootnoteCalls('\\\\[^2]').map((call) => call.label)).toEqual(['2']);
  });

  it('should not take labels with whitespace or plain brackets', () => {
    expect(findFootnoteCalls('[^a b] [1] [x] [^]')).toEqual([]);
  });
});

describe('the label pairs docs/rules.md shows', () => {
  it('should match (or not) in micromark as documented, and so in labelKey', async () => {
    const { micromarkTree } = await import('./differential/oracle.js');
    expect(labelPairs.length).toBeGreaterThan(6);
    for (const pair of labelPairs) {
      const tree = micromarkTree(`A claim.[^${pair.call}]\n\n[^${pair.entry}]: Jane Doe.\n`);
      const called = JSON.stringify(tree).includes('"footnoteReference"');
      expect(called, `${pair.call} / ${pair.entry}`).toBe(pair.same);
      expect(labelKey(pair.call) === labelKey(pair.entry), pair.call).toBe(pair.same);
    }
  });
});

describe('labelEnd', () => {
  it('should read a label as micromark does: escapes, no spaces, at most 999 code units', () => {
    expect(labelEnd('[^a\\]b]', 2)).toBe(6);
    expect(labelEnd('[^a\\\\]b]', 2)).toBe(5);
    expect(labelEnd('[^a\u00a0b]', 2)).toBe(5);
    expect(labelEnd('[^a b]', 2)).toBeUndefined();
    expect(labelEnd('[^a[b]', 2)).toBeUndefined();
    expect(labelEnd(`[^${'x'.repeat(999)}]`, 2)).toBe(1001);
    expect(labelEnd(`[^${'x'.repeat(1000)}]`, 2)).toBeUndefined();
  });

  it('should end a label at a tab or a line ending, as at a space', () => {
    expect(labelEnd('[^a\tb]', 2)).toBeUndefined();
    expect(labelEnd('[^a\nb]', 2)).toBeUndefined();
    expect(labelEnd('[^a\rb]', 2)).toBeUndefined();
  });

  it('should take only `[`, `\\` and `]` as escaped, so `\\ ` still ends the label', () => {
    expect(labelEnd('[^a\\[b]', 2)).toBe(6);
    expect(labelEnd('[^a\\ b]', 2)).toBeUndefined();
    expect(labelEnd('[^a\\b]', 2)).toBe(5);
  });

  it('should not look at or past `limit`', () => {
    expect(labelEnd('[^ab]', 2, 4)).toBeUndefined();
    expect(labelEnd('[^ab]', 2, 5)).toBe(4);
  });
});

describe('isEscaped', () => {
  it('should count only the backslashes from `floor` on', () => {
    expect(isEscaped('\\[^x]', 1, 0)).toBe(true);
    expect(isEscaped('\\[^x]', 1, 1)).toBe(false);
    expect(isEscaped('\\\\[^x]', 2, 0)).toBe(false);
  });
});

describe('writtenLabel', () => {
  const call = (offset: number): FootnoteReference => ({
    type: 'footnoteReference',
    identifier: 'a+b',
    label: 'a+b',
    position: { start: { line: 1, column: offset + 1, offset }, end: { line: 1, column: 1 } },
  });

  it('should give the label as written at the node’s place', () => {
    expect(writtenLabel(call(3), 'Hi.[^a\\+b] x')).toBe('a\\+b');
  });

  it('should give mdast’s label when the source has no call at the node’s place', () => {
    expect(writtenLabel(call(0), 'xxa]')).toBe('a+b');
    expect(writtenLabel(call(0), '[^a b]')).toBe('a+b');
    const bare: FootnoteReference = { type: 'footnoteReference', identifier: 'a+b', label: 'a+b' };
    expect(writtenLabel(bare, '[^c]')).toBe('a+b');
  });
});
