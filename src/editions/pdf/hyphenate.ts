import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A word to hyphenate: 5 to 63 letters, then any punctuation. */
const hyphenable = /^(\p{L}{5,63})(\p{P}*)$/u;

type Hyphenator = (text: string, options: { hyphenChar: string; minWordLength?: number }) => string;

/** The `hyphen` patterns used, by language (the only ones the package ships: see below). */
export const patternsFor: Readonly<Record<string, string>> = {
  en: 'en-us',
  tr: 'tr',
  ru: 'ru',
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
 * Nor are words of more than 63 letters, as in TeX (no language has such words,
 * and the `hyphen` package's time grows with the square of a word's length: a
 * "word" of 49,000 letters took 2.6 s); a line breaks them where it must.
 */
export function breakPoints(word: string, lang: string): number[] {
  const language = lang.split('-')[0]?.toLowerCase() ?? 'en';
  const key = `${language}\u0000${word}`;
  const known = cache.get(key);
  if (known) return known;
  let points: number[] = [];
  const match = hyphenable.exec(word);
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
    const patterns = patternsFor[language];
    loaded.set(
      language,
      patterns
        ? (
            createRequire(import.meta.url)(patternsModule(patterns)) as {
              hyphenateSync: Hyphenator;
            }
          ).hyphenateSync
        : undefined,
    );
  }
  return loaded.get(language);
}

/**
 * Where a language's patterns load from: `dist/hyphen/<patterns>.cjs`, the
 * copy of the `hyphen` package's core and of only the patterns used that
 * scripts/bundle.mjs makes (the package has ~80 languages, 9.7 MB), found
 * from the bundle (dist/) or the compiled module (dist/editions/pdf/); from
 * the sources (tests), the `hyphen` package itself.
 */
export function patternsModule(patterns: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const folder of [path.join(here, 'hyphen'), path.join(here, '..', '..', 'hyphen')]) {
    const file = path.join(folder, `${patterns}.cjs`);
    if (existsSync(file)) return file;
  }
  return `hyphen/${patterns}`;
}
