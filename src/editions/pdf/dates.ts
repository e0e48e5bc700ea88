/**
 * A front-matter date (`2023-05-14`) as the byline prints it, in the
 * article's language: `14 May 2023`, `14 Mayıs 2023`, `14 мая 2023`. Dates
 * are read and formatted in UTC, so the bytes never depend on the machine's
 * time zone. Bare `en` prints day-month-year (`en-GB`), as the house style
 * does; a region (`en-US`) keeps its own order. A date that is not ISO
 * prints as written.
 */
export function bylineDate(written: string, lang: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(written.trim());
  if (!match) return written;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return written;
  let locale = lang.toLowerCase() === 'en' ? 'en-GB' : lang;
  try {
    locale = Intl.DateTimeFormat.supportedLocalesOf([locale])[0] ?? 'en-GB';
  } catch {
    locale = 'en-GB';
  }
  const parts = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(date);
  // Keep day, month and year with the marks between them; drop a trailing
  // abbreviation such as Russian `г.` (`14 мая 2023 г.`).
  const kept = parts.map((part) => part.type !== 'literal');
  return parts
    .slice(kept.indexOf(true), kept.lastIndexOf(true) + 1)
    .map((part) => part.value)
    .join('');
}
