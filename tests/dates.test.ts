import { describe, expect, it } from 'vitest';
import { findDate, isAfter } from '../src/model/dates.js';

describe('access dates', () => {
  it('should read the forms editors write, and tell real dates from impossible ones', () => {
    expect(findDate('accessed 1 December 2022')).toMatchObject({
      year: 2022,
      month: 12,
      day: 1,
      valid: true,
    });
    expect(findDate('December 1, 2022')).toMatchObject({
      year: 2022,
      month: 12,
      day: 1,
      valid: true,
    });
    expect(findDate('1 Aralık 2022')).toMatchObject({ month: 12, valid: true });
    expect(findDate('1 декабря 2022')).toMatchObject({ month: 12, valid: true });
    expect(findDate('2022-12-01')).toMatchObject({ year: 2022, month: 12, day: 1, valid: true });
    expect(findDate('31.02.2022')).toMatchObject({ valid: false });
    expect(findDate('29.02.2024')).toMatchObject({ valid: true });
  });

  it('should call a date future only when it is after today in every time zone', () => {
    const today = new Date('2026-11-27T20:00:00Z');
    // At 20:00 UTC it is already 28 November in UTC+14.
    expect(isAfter(findDate('28.11.2026')!, today)).toBe(false);
    expect(isAfter(findDate('29.11.2026')!, today)).toBe(true);
  });
});
