import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bylineDate } from '../src/editions/pdf/dates.js';

const cases = JSON.parse(
  readFileSync(new URL('fixtures/typography/byline-dates.json', import.meta.url), 'utf8'),
) as Array<{ date: string; lang: string; printed: string }>;

describe('byline dates', () => {
  it.each(cases)('should print $date in $lang as $printed', ({ date, lang, printed }) => {
    expect(bylineDate(date, lang)).toBe(printed);
  });

  it('should print the same date whatever the time zone of the machine', () => {
    const zone = process.env['TZ'];
    try {
      process.env['TZ'] = 'Pacific/Kiritimati';
      const east = bylineDate('2023-05-14', 'ru');
      process.env['TZ'] = 'Pacific/Pago_Pago';
      expect(bylineDate('2023-05-14', 'ru')).toBe(east);
    } finally {
      if (zone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = zone;
    }
  });
});
