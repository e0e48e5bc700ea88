import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { Edition } from '../edition.js';
import { pdfCreator } from './mark.js';

/**
 * The PDF edition. Its modules (pdfkit, fontkit, the fonts) load on first
 * render, so a `check` never pays for them.
 */
export const pdfEdition: Edition = {
  name: 'pdf',
  extension: '.pdf',
  render: async (article, context) => {
    const { renderPdf } = await import('./index.js');
    return renderPdf(article, context.env, context.figure);
  },
  isEdition: (bytes) => {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    return (
      text.startsWith('%PDF-') &&
      (text.includes(`/Creator (${pdfCreator})`) ||
        text.includes(`<xmp:CreatorTool>${pdfCreator}</xmp:CreatorTool>`))
    );
  },
  cacheInputs: async (context) => {
    const { fontFiles } = await import('./fonts.js');
    const fonts = await Promise.all(
      fontFiles().map(async (font) =>
        createHash('sha256')
          .update(await readFile(font))
          .digest('hex'),
      ),
    );
    return [context.env['SOURCE_DATE_EPOCH'] ?? null, ...fonts];
  },
};
