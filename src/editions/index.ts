/**
 * editions/ — from the article model to the files published under output/.
 * One folder per edition behind the `Edition` interface (edition.ts): markdown/
 * (normalized GFM) and pdf/ (normalize → layout → render). Editions import the
 * model and parse/, never the rules, the run or the CLI.
 */
import type { Edition } from './edition.js';
import { markdownEdition } from './markdown/index.js';
import { pdfEdition } from './pdf/edition.js';

export type { Edition, EditionContext } from './edition.js';

/** Every edition `build` writes, in the order they are written. */
export const editions: readonly Edition[] = [markdownEdition, pdfEdition];
