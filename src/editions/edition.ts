import type { Article } from '../model/article.js';

/** What an edition may read besides the article: the environment (`SOURCE_DATE_EPOCH`), its figures. */
export interface EditionContext {
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The bytes of a figure the article shows, by its URL as written: read
   * relative to the article by the path policy of the `missing-figure` rule
   * (src/figures/); `undefined` when the policy refuses it. The rule keeps such
   * an article from being published; with the rule switched off, the image
   * shows its alt text, as a link with an unsafe URL shows its text.
   */
  figure: (url: string) => Uint8Array | undefined;
}

/**
 * One edition of an article: a file `<slug><extension>` in the output folder.
 * The pipeline, the cache and the build report loop over the list in
 * `editions/index.ts`; adding an edition is one folder and one line there.
 */
export interface Edition {
  /** A short name (`markdown`, `pdf`). */
  name: string;
  /** The file extension, with its dot (`.md`). */
  extension: string;
  /** The edition's bytes. Throws only on a defect of the tool, never on bad input (the rules catch that). */
  render: (article: Article, context: EditionContext) => Promise<string | Uint8Array>;
  /**
   * Whether `bytes` (a file where this edition is to be written) carry the mark
   * of an edition citeproof wrote: build replaces only such files.
   */
  isEdition: (bytes: Uint8Array) => boolean;
  /**
   * Everything besides the article and the tool's own code that the bytes of
   * every article depend on (fonts, environment variables), folded into the
   * run's cache key. An article's own inputs (its figures' bytes) are keyed
   * per article by the run (run/figures.ts), as the `missing-figure` verdict is.
   */
  cacheInputs: (context: Pick<EditionContext, 'env'>) => Promise<unknown[]>;
}
