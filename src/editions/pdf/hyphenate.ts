import { createRequire } from 'node:module';

type Hyphenator = (text: string, options: { hyphenChar: string; minWordLength?: number }) => string;

const patternsFor: Record<string, string> = {
  en: 'hyphen/en-us',
  tr: 'hyphen/tr',
  ru: 'hyphen/ru',
};
/**
 * Letters kept after a break (TeX's \righthyphenmin in babel's settings for
 * each language: 3 for English, 2 for Turkish and Russian); at least two
 * always stay before it.
 */
const rightMinimum: Record<string, number> = { en: 3, tr: 2, ru: 2 };
const loaded = new Map<string, Hyphenator | undefined>();
const cache = new Map<string, number[]>();

/** The language whose patterns apply to `text`: Cyrillic is Russian, Turkish letters Turkish, else `fallback`. */
export function languageOf(text: string, fallback: string): string {
  if (/[\u0400-\u04ff]/u.test(text)) return 'ru';
  if (/[ğĞıİşŞ]/u.test(text)) return 'tr';
  return fallback;
}

/**
 * Where a word may break, as offsets into it (Liang's patterns from the
 * `hyphen` package, for English, Turkish and Russian). Words with a hyphen,
 * digits or other marks are never broken: text extraction joins a line-end
 * hyphen, so breaking `Kazakhstan-France` would read back as one word.
 */
export function breakPoints(word: string, lang: string): number[] {
  const language = lang.split('-')[0]?.toLowerCase() ?? 'en';
  const key = `${language}\u0000${word}`;
  const known = cache.get(key);
  if (known) return known;
  let points: number[] = [];
  const match = /^(\p{L}{5,})(\p{P}*)$/u.exec(word);
  const right = rightMinimum[language] ?? 3;
  const hyphenate = match ? hyphenator(language) : undefined;
  if (match?.[1] && hyphenate) {
    const parts = hyphenate(match[1], { hyphenChar: '\u0000' }).split('\u0000');
    let offset = 0;
    for (const part of parts.slice(0, -1)) {
      offset += part.length;
      if (offset >= 2 && match[1].length - offset >= right) points.push(offset);
    }
  }
  cache.set(key, points);
  return points;
}

function hyphenator(language: string): Hyphenator | undefined {
  if (!loaded.has(language)) {
    const module = patternsFor[language];
    loaded.set(
      language,
      module
        ? (createRequire(import.meta.url)(module) as { hyphenateSync: Hyphenator }).hyphenateSync
        : undefined,
    );
  }
  return loaded.get(language);
}
