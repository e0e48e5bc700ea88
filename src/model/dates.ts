/** A calendar date as written; `valid` is false for an impossible one (31.02.2022). */
export interface WrittenDate {
  text: string;
  year: number;
  month: number;
  day: number;
  valid: boolean;
  /** Offset of `text` in the string it was found in. */
  offset: number;
}

const months: Record<string, number> = {};
const monthNames: Array<[number, string[]]> = [
  [1, ['january', 'jan', 'ocak', 'января', 'январь']],
  [2, ['february', 'feb', 'şubat', 'subat', 'февраля', 'февраль']],
  [3, ['march', 'mar', 'mart', 'марта', 'март']],
  [4, ['april', 'apr', 'nisan', 'апреля', 'апрель']],
  [5, ['may', 'mayıs', 'mayis', 'мая', 'май']],
  [6, ['june', 'jun', 'haziran', 'июня', 'июнь']],
  [7, ['july', 'jul', 'temmuz', 'июля', 'июль']],
  [8, ['august', 'aug', 'ağustos', 'agustos', 'августа', 'август']],
  [9, ['september', 'sep', 'sept', 'eylül', 'eylul', 'сентября', 'сентябрь']],
  [10, ['october', 'oct', 'ekim', 'октября', 'октябрь']],
  [11, ['november', 'nov', 'kasım', 'kasim', 'ноября', 'ноябрь']],
  [12, ['december', 'dec', 'aralık', 'aralik', 'декабря', 'декабрь']],
];
for (const [number, names] of monthNames) for (const name of names) months[name] = number;

const monthPattern = Object.keys(months)
  .sort((a, b) => b.length - a.length)
  .join('|');

// Each form with named groups; the first that matches at a place wins.
const forms: RegExp[] = [
  /(?<day>\d{1,2})[./](?<month>\d{1,2})[./](?<year>\d{4})/u,
  /(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})/u,
  new RegExp(`(?<day>\\d{1,2})\\.?\\s+(?<name>${monthPattern})\\.?\\s+(?<year>\\d{4})`, 'iu'),
  new RegExp(`(?<name>${monthPattern})\\.?\\s+(?<day>\\d{1,2}),?\\s+(?<year>\\d{4})`, 'iu'),
];

/** Find the first date written in one of the forms editors use, in `text`. */
export function findDate(text: string): WrittenDate | undefined {
  let best: WrittenDate | undefined;
  // The forms after the first two name the month: without a letter, none can match.
  const named = /\p{L}/u.test(text);
  for (const [index, form] of forms.entries()) {
    if (index >= 2 && !named) break;
    const match = form.exec(text);
    if (!match?.groups || (best && best.offset <= match.index)) continue;
    const { day, month, name, year } = match.groups;
    const monthNumber = name
      ? (months[name.toLocaleLowerCase('tr')] ?? months[name.toLowerCase()])
      : Number(month);
    if (!monthNumber || !day || !year) continue;
    const date = {
      text: match[0],
      year: Number(year),
      month: monthNumber,
      day: Number(day),
      offset: match.index,
    };
    best = { ...date, valid: isRealDate(date.year, date.month, date.day) };
    // A later form wins only at an earlier place: none is earlier than the start.
    if (best.offset === 0) break;
  }
  return best;
}

/** Whether year-month-day is a real calendar date. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Whether a written date lies after `today` everywhere on Earth: it is
 * compared with the calendar date at UTC+14, so an editor writing today's
 * date in the earliest time zone is never told it lies in the future.
 */
export function isAfter(date: WrittenDate, today: Date): boolean {
  const written = Date.UTC(date.year, date.month - 1, date.day);
  const earliest = new Date(today.getTime() + 14 * 3600 * 1000);
  const limit = Date.UTC(earliest.getUTCFullYear(), earliest.getUTCMonth(), earliest.getUTCDate());
  return written > limit;
}
