import { describe, expect, it } from 'vitest';
import { findFootnoteCalls, labelKey } from '../src/model/labels.js';

describe('labelKey', () => {
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
    const { labelPairs } = await import('../src/rules/label-semantics.js');
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
  it('should read a label as micromark does: escapes, no spaces, at most 999 code units', async () => {
    const { labelEnd } = await import('../src/model/labels.js');
    expect(labelEnd('[^a\\]b]', 2)).toBe(6);
    expect(labelEnd('[^a\\\\]b]', 2)).toBe(5);
    expect(labelEnd('[^a\u00a0b]', 2)).toBe(5);
    expect(labelEnd('[^a b]', 2)).toBeUndefined();
    expect(labelEnd('[^a[b]', 2)).toBeUndefined();
    expect(labelEnd(`[^${'x'.repeat(999)}]`, 2)).toBe(1001);
    expect(labelEnd(`[^${'x'.repeat(1000)}]`, 2)).toBeUndefined();
  });
});
