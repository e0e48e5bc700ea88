import type { Edition } from '../edition.js';
import { renderMarkdown } from './markdown.js';

/** The Markdown edition: normalized GFM, notes renumbered in order of first reference. */
export const markdownEdition: Edition = {
  name: 'markdown',
  extension: '.md',
  render: async (article) => renderMarkdown(article),
  cacheInputs: async () => [],
};
