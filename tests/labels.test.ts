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
