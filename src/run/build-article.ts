import { VFile } from 'vfile';
import { editions } from '../editions/index.js';
import { toArticle } from '../model/article.js';
import { type CiteproofOptions } from '../rules/plugin.js';
import { parseAndCheck } from '../rules/check.js';
import { figureReader } from './figures.js';

/** One edition of an article, in memory. */
export interface BuiltEdition {
  /** `markdown`, `pdf`. */
  name: string;
  /** `.md`, `.pdf`. */
  extension: string;
  bytes: Uint8Array;
}

export interface BuildArticleOptions {
  /** Check options (rule severities, the build date). */
  check?: CiteproofOptions;
  /** Warnings withhold the editions too. */
  strict?: boolean;
  /** The environment the editions may read (`SOURCE_DATE_EPOCH`); default none. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Check one article and, when it may be published, make its editions in
 * memory (nothing is written). `editions` is empty when the article has errors
 * (or warnings, when `strict`); the messages are on `file`.
 */
export async function buildArticle(
  file: VFile,
  options: BuildArticleOptions = {},
): Promise<{ file: VFile; editions: BuiltEdition[] }> {
  const tree = await parseAndCheck(file, options.check);
  const blocked = file.messages.some(
    (message) => message.fatal === true || (options.strict === true && message.fatal === false),
  );
  const article = blocked ? undefined : toArticle(tree, file);
  if (!article) return { file, editions: [] };
  // Figures are read beside the file, as the missing-figure rule found them.
  const context = { env: options.env ?? {}, figure: figureReader(file.cwd, file.path) };
  const built: BuiltEdition[] = [];
  for (const edition of editions) {
    const content = await edition.render(article, context);
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    built.push({ name: edition.name, extension: edition.extension, bytes });
  }
  return { file, editions: built };
}
