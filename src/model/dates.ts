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

/**
 * The forms editors write a date in, each with the number of its group for the day, the month
 * (a number or a name) and the year; the first that matches at a place wins. Numbered groups,
 * not named ones, and no iterator or spread: a check finds a date in every source entry, mostly
 * while V8 still interprets this code, where those cost about four times the rest.
 */
const forms: Array<{ pattern: RegExp; day: number; month: number; year: number; named: boolean }> =
  [
    { pattern: /(\d{1,2})[./](\d{1,2})[./](\d{4})/u, day: 1, month: 2, year: 3, named: false },
    { pattern: /(\d{4})-(\d{1,2})-(\d{1,2})/u, day: 3, month: 2, year: 1, named: false },
    {
      pattern: new RegExp(`(\\d{1,2})\\.?\\s+(${monthPattern})\\.?\\s+(\\d{4})`, 'iu'),
      day: 1,
      month: 2,
      year: 3,
      named: true,
    },
    {
      pattern: new RegExp(`(${monthPattern})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})`, 'iu'),
      day: 2,
      month: 1,
      year: 3,
      named: true,
    },
  ];

/** A letter (a constant, not a literal in `findDate`: see tests/regex-literals.test.ts). */
const letter = /\p{L}/u;

/** Find the first date written in one of the forms editors use, in `text`. */
export function findDate(text: string): WrittenDate | undefined {
  let best: WrittenDate | undefined;
  // The forms that name the month come last: without a letter, none can match.
  const lettered = letter.test(text);
  for (let index = 0; index < forms.length; index++) {
    const form = forms[index]!;
    if (form.named && !lettered) break;
    const match = form.pattern.exec(text);
    if (!match || (best && best.offset <= match.index)) continue;
    const day = match[form.day];
    const month = match[form.month];
    const year = match[form.year];
    if (!day || !month || !year) continue;
    const monthNumber = form.named
      ? (months[month.toLocaleLowerCase('tr')] ?? months[month.toLowerCase()])
      : Number(month);
    if (!monthNumber) continue;
    const date = {
      text: match[0],
      year: Number(year),
      month: monthNumber,
      day: Number(day),
      offset: match.index,
      valid: false,
    };
    date.valid = isRealDate(date.year, date.month, date.day);
    best = date;
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
