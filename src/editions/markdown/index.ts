import type { Edition } from '../edition.js';
import { editionMark, renderMarkdown } from './markdown.js';

/** The Markdown edition: normalized GFM, notes renumbered in order of first reference. */
export const markdownEdition: Edition = {
  name: 'markdown',
  extension: '.md',
  render: async (article) => renderMarkdown(article),
  isEdition: (bytes) => Buffer.from(bytes).toString('utf8').includes(`\n${editionMark}\n`),
  cacheInputs: async () => [],
};
