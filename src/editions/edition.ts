import type { Article } from '../model/article.js';

/** What an edition may read besides the article: the environment (`SOURCE_DATE_EPOCH`). */
export interface EditionContext {
  env: Readonly<Record<string, string | undefined>>;
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
   * Everything besides the article and the tool's own code that the bytes depend on
   * (fonts, environment variables), folded into the cache key.
   */
  cacheInputs: (context: EditionContext) => Promise<unknown[]>;
}
