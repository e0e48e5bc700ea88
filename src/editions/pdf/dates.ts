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
  const locale = lang.toLowerCase() === 'en' ? 'en-GB' : lang;
  const options = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } as const;
  let format: Intl.DateTimeFormat;
  try {
    // The language if ICU has it, else en-GB: negotiated by the constructor, not by
    // `supportedLocalesOf`, which lists every locale ICU has first (17 ms of a cold build).
    format = new Intl.DateTimeFormat([locale, 'en-GB'], options);
  } catch {
    format = new Intl.DateTimeFormat('en-GB', options);
  }
  const parts = format.formatToParts(date);
  // Keep day, month and year with the marks between them; drop a trailing
  // abbreviation such as Russian `г.` (`14 мая 2023 г.`).
  const kept = parts.map((part) => part.type !== 'literal');
  return parts
    .slice(kept.indexOf(true), kept.lastIndexOf(true) + 1)
    .map((part) => part.value)
    .join('');
}
