import fc from 'fast-check';
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

  it('should find what the forms written with named groups find: the same date, place, validity and key order (fast-check, fixed seed)', () => {
    // The forms as they were first written: named groups, read through `match.groups`.
    const monthNames = ['january', 'december', 'dec', 'mayıs', 'mayis', 'aralık', 'декабря', 'май'];
    const months: Record<string, number> = {
      january: 1,
      december: 12,
      dec: 12,
      mayıs: 5,
      mayis: 5,
      aralık: 12,
      aralik: 12,
      декабря: 12,
      май: 5,
    };
    const names = Object.keys(months)
      .sort((a, b) => b.length - a.length)
      .join('|');
    const forms = [
      /(?<day>\d{1,2})[./](?<month>\d{1,2})[./](?<year>\d{4})/u,
      /(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})/u,
      new RegExp(`(?<day>\\d{1,2})\\.?\\s+(?<name>${names})\\.?\\s+(?<year>\\d{4})`, 'iu'),
      new RegExp(`(?<name>${names})\\.?\\s+(?<day>\\d{1,2}),?\\s+(?<year>\\d{4})`, 'iu'),
    ];
    const reference = (text: string) => {
      let best:
        | { text: string; year: number; month: number; day: number; offset: number; valid: boolean }
        | undefined;
      for (const form of forms) {
        const match = form.exec(text);
        if (!match?.groups || (best && best.offset <= match.index)) continue;
        const { day, month, name, year } = match.groups;
        const monthNumber = name
          ? (months[name.toLocaleLowerCase('tr')] ?? months[name.toLowerCase()])
          : Number(month);
        if (!monthNumber || !day || !year) continue;
        const date = new Date(Date.UTC(Number(year), monthNumber - 1, Number(day)));
        best = {
          text: match[0],
          year: Number(year),
          month: monthNumber,
          day: Number(day),
          offset: match.index,
          // A real date: one that Date.UTC gives back as it was written.
          valid:
            monthNumber <= 12 &&
            Number(day) >= 1 &&
            date.getUTCMonth() === monthNumber - 1 &&
            date.getUTCDate() === Number(day),
        };
      }
      return best;
    };
    const piece = fc.oneof(
      fc.integer({ min: 0, max: 99 }).map(String),
      fc.integer({ min: 0, max: 20_000 }).map(String),
      fc.constantFrom(
        '0',
        '00',
        '31',
        '2022',
        '12345',
        '.',
        '/',
        '-',
        ' ',
        ',',
        ', ',
        '  ',
        '\n',
        '(',
        ')',
      ),
      fc.constantFrom(
        ...monthNames,
        'DECEMBER',
        'Dec.',
        'MAYIS',
        'Aralik',
        'ДЕКАБРЯ',
        'Mai',
        'x',
        'é',
      ),
    );
    const number = fc.oneof(
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 1000, max: 9999 }),
      fc.integer({ min: 0, max: 99_999 }),
    );
    const separator = fc.constantFrom('.', '/', '-', ' ', ', ', '. ');
    const date = fc
      .tuple(fc.oneof(number, piece), separator, fc.oneof(number, piece), separator, number)
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, date), { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        const found = findDate(text);
        const expected = reference(text);
        // The test's month table is a part of the real one, but no other name of it can
        // come of these pieces: the same date, key order included, or none.
        expect(found).toEqual(expected);
        if (found && expected) expect(Object.keys(found)).toEqual(Object.keys(expected));
      }),
      { seed: 20261203, numRuns: 5000 },
    );
  });
});
