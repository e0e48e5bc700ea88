import type { ArticleMeta } from '../parse/front-matter.js';

/** Another language edition of an article that exists in the same folder. */
export interface LanguageEdition {
  lang: string;
  slug: string;
  /** The language's name in itself (`Türkçe`). */
  name: string;
}

/** Each language's name in itself. */
export const languageNames: Readonly<Record<string, string>> = {
  en: 'English',
  tr: 'Türkçe',
  ru: 'Русский',
  kk: 'Қазақша',
  fr: 'Français',
  de: 'Deutsch',
};
const alsoIn: Record<string, string> = {
  en: 'Also available in',
  tr: 'Bu yazı şu dillerde de var',
  ru: 'Также доступно на языках',
};

/** The words that introduce the other editions, in the article's language. */
export function alsoAvailableIn(lang: string): string {
  return alsoIn[baseLanguage(lang)] ?? alsoIn['en'] ?? '';
}

export function baseLanguage(lang: string): string {
  return (lang.split('-')[0] ?? lang).toLowerCase();
}

/** Whether the source article of a slug exists beside the article (the run looks; the model does not). */
export type EditionExists = (slug: string) => boolean;

/**
 * The editions named in `translations` (with a `slug`) whose source article
 * exists; others are not linked (they may not be written yet).
 */
export function existingEditions(meta: ArticleMeta, exists: EditionExists): LanguageEdition[] {
  return (meta.translations ?? []).flatMap((translation) =>
    translation.slug && exists(translation.slug)
      ? [
          {
            lang: translation.lang,
            slug: translation.slug,
            name:
              translation.title ??
              languageNames[baseLanguage(translation.lang)] ??
              translation.lang,
          },
        ]
      : [],
  );
}
