import PDFDocument from 'pdfkit';
import type { ArticleMeta } from '../../front-matter.js';
import { type FontSet, faces } from './fonts.js';
import { type PageSpec, type Piece, type Page, a4 } from './layout.js';

/** What the render stage needs besides the pages. */
export interface RenderInput {
  meta: ArticleMeta;
  pages: Page[];
  fonts: FontSet;
  /** The document date: from the article or SOURCE_DATE_EPOCH, never the clock. */
  date: Date;
  spec?: PageSpec;
}

const ink = '#111111';
const linkInk = '#1a3e8c';
const quiet = '#555555';

/** Draw laid-out pages with pdfkit (render stage); resolves to the PDF bytes. */
export function render({ meta, pages, fonts, date, spec = a4 }: RenderInput): Promise<Buffer> {
  const info: PDFKit.DocumentInfo = {
    Title: meta.title,
    Author: meta.author,
    CreationDate: date,
    ModDate: date,
  };
  if (meta.summary) info.Subject = meta.summary;
  if (meta.keywords) info.Keywords = meta.keywords.join(', ');
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: [spec.width, spec.height],
    margin: 0,
    pdfVersion: '1.7',
    lang: meta.lang,
    displayTitle: true,
    info,
    // No default font: pdfkit would otherwise add an unembedded Helvetica.
    font: null as unknown as string,
  });
  for (const face of faces) doc.registerFont(face, fonts[face] as unknown as string);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const outline: Array<PDFKit.PDFOutline> = [doc.outline];
  pages.forEach((page, index) => {
    doc.addPage();
    for (const entry of page.outline) {
      const parent = outline[Math.min(entry.level - 1, outline.length - 1)] ?? doc.outline;
      const item = parent.addItem(entry.title);
      outline[entry.level] = item;
      outline.length = entry.level + 1;
    }
    for (const placed of page.lines) {
      if (placed.line.rule) {
        doc
          .moveTo(placed.x, placed.y)
          .lineTo(spec.width - spec.right, placed.y)
          .lineWidth(0.5)
          .strokeColor(quiet)
          .stroke();
      }
      for (const piece of placed.line.pieces) drawPiece(doc, piece, placed.x, placed.y);
    }
    if (page.separatorY !== undefined) {
      doc
        .moveTo(spec.left, page.separatorY)
        .lineTo(spec.left + 120, page.separatorY)
        .lineWidth(0.4)
        .strokeColor(ink)
        .stroke();
    }
    for (const placed of page.notes)
      for (const piece of placed.line.pieces) drawPiece(doc, piece, placed.x, placed.y);
    drawFurniture(doc, meta, index + 1, pages.length, spec);
  });
  doc.end();
  return done;
}

function drawPiece(doc: PDFKit.PDFDocument, piece: Piece, lineX: number, baseline: number): void {
  const x = lineX + piece.x;
  const y = baseline - piece.rise;
  if (piece.dest) doc.addNamedDestination(piece.dest, 'XYZ', x, y - piece.size * 1.2, null);
  doc
    .font(piece.face)
    .fontSize(piece.size)
    .fillColor(piece.link || piece.goTo ? linkInk : ink)
    .text(piece.text, x, y, {
      lineBreak: false,
      baseline: 'alphabetic',
      textWidth: piece.width,
      wordCount: 1,
    } as PDFKit.Mixins.TextOptions);
  const top = y - piece.size * 0.8;
  const height = piece.size * 1.05;
  if (piece.link) doc.link(x, top, piece.width, height, piece.link);
  if (piece.goTo) doc.goTo(x, top, piece.width, height, piece.goTo);
}

function drawFurniture(
  doc: PDFKit.PDFDocument,
  meta: ArticleMeta,
  number: number,
  total: number,
  spec: PageSpec,
): void {
  const size = 8.5;
  doc.font('italic').fontSize(size).fillColor(quiet);
  if (number > 1) {
    const head = meta.title;
    const width = doc.widthOfString(head);
    doc.text(head, (spec.width - width) / 2, spec.top - 30, {
      lineBreak: false,
      baseline: 'alphabetic',
    } as PDFKit.Mixins.TextOptions);
    doc
      .moveTo(spec.left, spec.top - 24)
      .lineTo(spec.width - spec.right, spec.top - 24)
      .lineWidth(0.3)
      .strokeColor(quiet)
      .stroke();
  }
  const folio = `${number} / ${total}`;
  doc.font('regular');
  const width = doc.widthOfString(folio);
  doc.text(folio, (spec.width - width) / 2, spec.height - spec.bottom + 34, {
    lineBreak: false,
    baseline: 'alphabetic',
  } as PDFKit.Mixins.TextOptions);
}
