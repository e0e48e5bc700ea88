import type { Article } from '../../model/article.js';
import { forgetUnmappedGlyphs, loadFonts } from './fonts.js';
import { figureImage } from './images.js';
import { fontMeasure, paginate } from './layout.js';
import { normalize } from './normalize.js';
import { render } from './render.js';

/**
 * The document date: the article's `date`, else `SOURCE_DATE_EPOCH`, else the
 * Unix epoch — never the clock, so that the bytes are reproducible.
 */
export function documentDate(
  article: Article,
  env: Readonly<Record<string, string | undefined>>,
): Date {
  if (article.meta.date) return new Date(`${article.meta.date}T00:00:00Z`);
  const epoch = Number(env['SOURCE_DATE_EPOCH']);
  return new Date(Number.isFinite(epoch) && epoch >= 0 ? epoch * 1000 : 0);
}

/**
 * The PDF edition of an article: normalize → measure → paginate → render.
 * `figure` reads a figure's bytes by its URL (`EditionContext.figure`); without
 * it images show their alt text.
 */
export async function renderPdf(
  article: Article,
  env: Readonly<Record<string, string | undefined>> = {},
  figure?: (url: string) => Uint8Array | undefined,
): Promise<Buffer> {
  const fonts = loadFonts();
  forgetUnmappedGlyphs();
  const images =
    figure &&
    ((url: string) => {
      const bytes = figure(url);
      return bytes && figureImage(url, bytes);
    });
  const pages = paginate(normalize(article, images), fontMeasure(fonts));
  return render({ meta: article.meta, pages, fonts, date: documentDate(article, env) });
}
