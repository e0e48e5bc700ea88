import PDFDocument from 'pdfkit';
import type { ArticleMeta } from '../../parse/front-matter.js';
import { type Face, type FontSet, type ShapedRun, shapeRun, shapedRunCache } from './fonts.js';
import { pdfCreator } from './mark.js';
import { withFallbackFaces } from './fallback.js';
import {
  type CellItem,
  type CodeLineItem,
  type ImageItem,
  type Item,
  type LineOwner,
  type NoteLineItem,
  type Page,
  type PageSpec,
  type RuleItem,
  type TextLineItem,
  a4,
} from './items.js';
import type { Piece } from './lines.js';
import type { Container } from './normalize.js';
import { continuationMark } from './blocks.js';
import {
  type EmbeddedFontEncoder,
  type TextPiece,
  type TextTarget,
  fillColorOperators,
  writeText,
} from './text-operators.js';
import { speedPaths } from '../../speed/index.js';

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

type Doc = PDFKit.PDFDocument;
type Element = PDFKit.PDFStructureElement;

/**
 * Draw laid-out pages with pdfkit (render stage): tagged for screen readers
 * (headings, paragraphs, notes, language spans; running heads and rules as
 * artifacts), with an outline and links. Resolves to the PDF bytes.
 */
export function render({ meta, pages, fonts, date, spec = a4 }: RenderInput): Promise<Buffer> {
  const info: PDFKit.DocumentInfo = {
    Title: meta.title,
    Author: meta.author,
    // The edition mark: build replaces only PDFs that carry it (editions/pdf/edition.ts).
    Creator: pdfCreator,
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
    tagged: true,
    lang: meta.lang,
    displayTitle: true,
    info,
    // No default font: pdfkit would otherwise add an unembedded Helvetica.
    font: null as unknown as string,
  });
  registered.set(doc, {
    fonts,
    faces: new Set(),
    embedded: new Map(),
    operators: speedPaths().textOperators,
  });
  sortNamesByCodePoint(doc);
  const done = collectBytes(doc);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const elements = new Map<string, Element>();
  const outline: PDFKit.PDFOutline[] = [doc.outline];
  const context: DrawContext = { doc, root, elements };
  pages.forEach((page, index) => {
    doc.addPage();
    for (const entry of page.outline) {
      const parent = outline[Math.min(entry.level - 1, outline.length - 1)] ?? doc.outline;
      outline[entry.level] = parent.addItem(entry.title);
      outline.length = entry.level + 1;
    }
    for (const item of page.items) drawItem(context, item);
    drawFurniture(doc, meta, index + 1, pages.length, spec);
  });
  for (const each of elements.values()) each.end();
  root.end();
  doc.end();
  return done;
}

/** The private part of pdfkit's document that writes the file (pdfkit 0.17: `_write`, `_finalize`). */
interface PdfkitWriter {
  _write(data: unknown): void;
  _offset: number;
  push(chunk: Uint8Array | null): boolean;
}

/**
 * The PDF's bytes, collected as pdfkit writes them. pdfkit writes each line of the file
 * (an object's header, dictionary and `endobj`, each xref entry) as a string turned into
 * bytes by a loop over its characters, and pushes it into the document's Readable: on an
 * article of 3,000 pages those were over a million pushes, and the stream's bookkeeping
 * and the copies took a fifth of the build. The same bytes, here: a string becomes one
 * byte per character, its low eight bits (as pdfkit's `fromBinaryString`; Node's
 * `latin1`), and the offsets that the cross-reference table gives are counted as pdfkit
 * counts them. `tests/dependency-internals.test.ts` compares the two writers.
 */
export function collectBytes(doc: Doc): Promise<Buffer> {
  const writer = doc as unknown as PdfkitWriter;
  // What the constructor wrote (the header) waits in the stream.
  const head = doc.read() as Buffer | null;
  const chunks: Uint8Array[] = head ? [head] : [];
  return new Promise<Buffer>((resolve, reject) => {
    writer._write = (data) => {
      const chunk = data instanceof Uint8Array ? data : Buffer.from(`${String(data)}\n`, 'latin1');
      chunks.push(chunk);
      writer._offset += chunk.length;
    };
    // pdfkit's last push (null) ends the file; nothing else pushes.
    writer.push = (chunk) => {
      if (chunk === null) resolve(Buffer.concat(chunks));
      else chunks.push(chunk);
      return true;
    };
    doc.on('error', reject);
  });
}

const tags: Record<LineOwner['kind'], string> = {
  title: 'H1',
  subtitle: 'P',
  byline: 'P',
  heading: 'H2',
  paragraph: 'P',
  code: 'Code',
  rule: 'P',
  table: 'Table',
  figure: 'Figure',
  caption: 'Caption',
  note: 'Note',
};

function tagOf(owner: LineOwner): string {
  return owner.kind === 'heading'
    ? `H${Math.min(Math.max(owner.level ?? 2, 2), 6)}`
    : tags[owner.kind];
}

/**
 * The structure element a line belongs to, made (in reading order) when first
 * met, inside the quotes and lists around its block.
 */
function element(
  doc: Doc,
  root: Element,
  elements: Map<string, Element>,
  owner: LineOwner,
  options: { alt?: string } = {},
): Element {
  // A note is numbered apart from the body's blocks; a caption is its figure's sibling.
  const space = owner.kind === 'note' || owner.kind === 'caption' ? owner.kind : 'block';
  return made({ doc, root, elements }, `${space}:${owner.id}:${owner.part ?? 0}`, () => ({
    parent: containerElement({ doc, root, elements }, owner.containers ?? []),
    element: doc.struct(tagOf(owner), {
      ...options,
      ...(owner.lang ? { lang: owner.lang } : {}),
    }),
  }));
}

/** The element under `key`, else the one `make` makes, added to its parent. */
function made(
  context: DrawContext,
  key: string,
  make: () => { parent: Element; element: Element },
): Element {
  let found = context.elements.get(key);
  if (!found) {
    const { parent, element } = make();
    parent.add(element);
    context.elements.set(key, element);
    found = element;
  }
  return found;
}

const containerTags: Record<Container['kind'], string> = {
  quote: 'BlockQuote',
  list: 'L',
  item: 'LI',
};

/**
 * The element the content of `containers` goes in: the last quote, or the last
 * list item's LBody (`into: 'item'`: the last list item itself).
 */
function containerElement(
  context: DrawContext,
  containers: readonly Container[],
  into: 'body' | 'item' = 'body',
): Element {
  let parent = context.root;
  containers.forEach((container, index) => {
    const outer = parent;
    parent = made(context, `${container.kind}:${container.id}`, () => ({
      parent: outer,
      element: context.doc.struct(containerTags[container.kind]),
    }));
    const last = index === containers.length - 1;
    if (container.kind === 'item' && !(last && into === 'item'))
      parent = itemPart(context, container.id, 'LBody');
  });
  return parent;
}

/** A list item's label (Lbl: its bullet or number) or body (LBody), in the order they are first met. */
function itemPart(context: DrawContext, item: number, tag: 'Lbl' | 'LBody'): Element {
  return made(context, `${tag}:${item}`, () => ({
    parent: context.elements.get(`item:${item}`) ?? context.root,
    element: context.doc.struct(tag),
  }));
}

/** The Lbl of the innermost list item around a line (made, with the lists around it, when first met). */
function labelElement(context: DrawContext, owner: LineOwner): Element {
  const containers = owner.containers ?? [];
  let last = containers.length - 1;
  while (last >= 0 && containers[last]?.kind !== 'item') last--;
  const item = containers[last];
  if (!item) return element(context.doc, context.root, context.elements, owner);
  containerElement(context, containers.slice(0, last + 1), 'item');
  return itemPart(context, item.id, 'Lbl');
}

/** What every draw function gets: the document, and the structure elements made so far. */
interface DrawContext {
  doc: Doc;
  root: Element;
  elements: Map<string, Element>;
}

/** One draw function per kind of item. */
const drawers: {
  [K in Item['kind']]: (context: DrawContext, item: Extract<Item, { kind: K }>) => void;
} = {
  text: drawTextLine,
  note: drawNoteLine,
  rule: drawRule,
  code: drawCodeLine,
  cell: drawCell,
  image: drawImage,
};

function drawItem(context: DrawContext, item: Item): void {
  (drawers[item.kind] as (context: DrawContext, item: Item) => void)(context, item);
}

/**
 * A line of text, in its block's structure element: a list item's marker in
 * the item's Lbl, struck text in a Span with the LineThrough text decoration
 * (as PDF/UA marks it, so a screen reader can tell).
 */
function drawTextLine(context: DrawContext, item: TextLineItem | NoteLineItem): void {
  const { doc } = context;
  for (const { role, pieces } of segmentsOf(item.line.pieces)) {
    if (role === 'label') labelElement(context, item.owner).add(doc.markStructureContent('Lbl'));
    else {
      const parent = element(doc, context.root, context.elements, item.owner);
      if (role === 'strike') {
        const span = doc.struct('Span');
        struck(span);
        parent.add(span);
        span.add(doc.markStructureContent('Span'));
      } else parent.add(doc.markStructureContent(tagOf(item.owner)));
    }
    drawPieces(doc, pieces, item.x, item.y);
    doc.endMarkedContent();
  }
}

type Role = 'label' | 'strike' | 'text';

/** A line's pieces in runs of one role, in order (most lines are one run of text). */
function segmentsOf(pieces: readonly Piece[]): Array<{ role: Role; pieces: Piece[] }> {
  const segments: Array<{ role: Role; pieces: Piece[] }> = [];
  for (const piece of pieces) {
    const role: Role = piece.label ? 'label' : piece.strike ? 'strike' : 'text';
    const last = segments[segments.length - 1];
    if (last?.role === role) last.pieces.push(piece);
    else segments.push({ role, pieces: [piece] });
  }
  return segments;
}

/**
 * Mark a Span as struck through: the Layout attribute `TextDecorationType
 * /LineThrough` (ISO 32000-1 §14.8.5.4.3; pdfkit's `struct` has no option for
 * it, so it goes in the element's dictionary before the element is written).
 */
function struck(span: Element): void {
  const { dictionary } = span as unknown as { dictionary: { data: Record<string, unknown> } };
  dictionary.data['A'] = { O: 'Layout', TextDecorationType: 'LineThrough' };
}

/** A note line is drawn as a text line, inside its note's structure element. */
function drawNoteLine(context: DrawContext, item: NoteLineItem): void {
  drawTextLine(context, item);
}

/** A code line; a wrapped line's rest gets a continuation mark in the margin (an artifact). */
function drawCodeLine(context: DrawContext, item: CodeLineItem): void {
  const { doc } = context;
  const parent = element(doc, context.root, context.elements, item.owner);
  parent.add(doc.markStructureContent('Code'));
  drawPieces(doc, item.line.pieces, item.x, item.y);
  doc.endMarkedContent();
  if (!item.continued) return;
  const size = item.line.pieces[0]?.size ?? 8;
  doc.markContent('Artifact', { type: 'Layout' });
  drawRun(doc, {
    text: continuationMark,
    face: 'mono',
    size,
    color: quiet,
    x: item.x - size * 1.1,
    y: item.y,
  });
  doc.endMarkedContent();
}

/**
 * A table cell, in the structure Table → TR → TH/TD; a header repeated on a
 * continuation page is an artifact, so that it is read once.
 */
function drawCell(context: DrawContext, item: CellItem): void {
  const { doc } = context;
  if (item.repeated) doc.markContent('Artifact', { type: 'Pagination' });
  else {
    const cell = cellElement(context, item);
    cell.add(doc.markStructureContent(item.header ? 'TH' : 'TD'));
  }
  for (const { line, x, y } of item.lines) drawPieces(doc, line.pieces, item.x + x, item.y + y);
  doc.endMarkedContent();
}

function cellElement(context: DrawContext, item: CellItem): Element {
  const { doc, elements } = context;
  const table = element(doc, context.root, elements, item.owner);
  const rowKey = `table:${item.owner.id}:${item.owner.part ?? 0}:${item.row}`;
  let row = elements.get(rowKey);
  if (!row) {
    row = doc.struct('TR');
    table.add(row);
    elements.set(rowKey, row);
  }
  const cellKey = `${rowKey}:${item.column}`;
  let cell = elements.get(cellKey);
  if (!cell) {
    // pdfkit writes `scope` as the Table attribute `/Scope` (its types do not list it yet).
    const options = (item.header ? { scope: 'Column' } : {}) as Parameters<Doc['struct']>[1];
    cell = doc.struct(item.header ? 'TH' : 'TD', options);
    row.add(cell);
    elements.set(cellKey, cell);
  }
  return cell;
}

/**
 * A figure's image, tagged Figure with its alternative text (its caption is a
 * sibling Caption, so that a screen reader that reads the Alt still reads it).
 */
function drawImage(context: DrawContext, item: ImageItem): void {
  const { doc } = context;
  const figure = element(doc, context.root, context.elements, item.owner, { alt: item.alt });
  figure.add(doc.markStructureContent('Figure'));
  const { bytes, url } = item.image;
  try {
    doc.image(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), item.x, item.y, {
      width: item.width,
      height: item.height,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The image \`${url}\` cannot be decoded: ${reason.split('\n')[0]}`);
  }
  doc.endMarkedContent();
}

/** Rules are layout artifacts: a screen reader skips them. */
function drawRule({ doc }: DrawContext, item: RuleItem): void {
  doc.markContent('Artifact', { type: 'Layout' });
  doc
    .moveTo(item.x, item.y)
    .lineTo(item.x2, item.y2)
    .lineWidth(item.thickness)
    .strokeColor(item.tone === 'ink' ? ink : quiet)
    .stroke();
  doc.endMarkedContent();
}

/**
 * The pieces of a line (or of one role's run of it), from the left edge
 * `lineX` on the baseline `baseline`: as text operators written into the
 * content stream (text-operators.ts), or piece by piece with pdfkit's `text()`
 * on the plain path (`CITEPROOF_TEXT=pdfkit`). Both put every glyph in the
 * same place; destinations, struck lines and links are the same either way.
 */
function drawPieces(doc: Doc, pieces: readonly Piece[], lineX: number, baseline: number): void {
  if (!registered.get(doc)?.operators) {
    for (const piece of pieces) drawPiece(doc, piece, lineX, baseline);
    return;
  }
  for (const piece of pieces)
    if (piece.dest)
      doc.addNamedDestination(
        piece.dest,
        'XYZ',
        lineX + piece.x,
        baseline - piece.rise - piece.size * 1.2,
        null,
      );
  writeText(
    doc as unknown as TextTarget,
    pieces.map((piece) => textPiece(doc, piece, lineX, baseline)),
  );
  for (const piece of pieces) {
    const x = lineX + piece.x;
    const y = baseline - piece.rise;
    if (piece.strike) strikeThrough(doc, piece, x, y);
    placeLinks(doc, piece, x, y);
  }
}

const inkOperators = fillColorOperators(ink);
const linkInkOperators = fillColorOperators(linkInk);

/** A piece as the text writer sets it (where `drawPiece` has pdfkit set it). */
function textPiece(doc: Doc, piece: Piece, lineX: number, baseline: number): TextPiece {
  const kern = (piece.scale ?? 1) * (piece.kern ?? 0);
  return {
    text: piece.space ? `${piece.text} ` : piece.text,
    font: embeddedFont(doc, piece.face),
    size: piece.size,
    scale: piece.scale ? piece.scale * 100 : 100,
    color: piece.link || piece.goTo || piece.file ? linkInkOperators : inkOperators,
    x: lineX + piece.x + kern,
    y: baseline - piece.rise,
    ...(piece.lang ? { lang: piece.lang } : {}),
  };
}

/** A piece drawn with pdfkit's `text()` (the plain path). */
function drawPiece(doc: Doc, piece: Piece, lineX: number, baseline: number): void {
  const x = lineX + piece.x;
  const y = baseline - piece.rise;
  const kern = (piece.scale ?? 1) * (piece.kern ?? 0);
  if (piece.dest) doc.addNamedDestination(piece.dest, 'XYZ', x, y - piece.size * 1.2, null);
  if (piece.lang) doc.markContent('Span', { lang: piece.lang });
  useFace(doc, piece.face)
    .fontSize(piece.size)
    .fillColor(piece.link || piece.goTo || piece.file ? linkInk : ink)
    .text(piece.space ? `${piece.text} ` : piece.text, x + kern, y, {
      lineBreak: false,
      baseline: 'alphabetic',
      ...(piece.scale ? { horizontalScaling: piece.scale * 100 } : {}),
    } as PDFKit.Mixins.TextOptions);
  if (piece.lang) doc.endMarkedContent();
  if (piece.strike) strikeThrough(doc, piece, x, y);
  placeLinks(doc, piece, x, y);
}

/** A piece's link annotations: a URI, a go-to (a note and back), another file. */
function placeLinks(doc: Doc, piece: Piece, x: number, y: number): void {
  const top = y - piece.size * 0.8;
  const height = piece.size * 1.05;
  if (piece.link) doc.link(x, top, piece.width, height, piece.link);
  if (piece.goTo) doc.goTo(x, top, piece.width, height, piece.goTo);
  if (piece.file) {
    // A go-to-remote action opens the other edition's first page; no URI, no network.
    const action = doc.ref({
      S: 'GoToR',
      F: new String(piece.file),
      D: [0, 'Fit'],
      NewWindow: true,
    });
    action.end(undefined);
    doc.annotate(x, top, piece.width, height, {
      Subtype: 'Link',
      A: action,
    } as unknown as PDFKit.Mixins.AnnotationOption);
  }
}

/** A line through a struck piece, at the height of the lower-case letters' middle. */
function strikeThrough(doc: Doc, piece: Piece, x: number, y: number): void {
  const height = y - piece.size * 0.27;
  doc
    .moveTo(x, height)
    .lineTo(x + piece.width, height)
    .lineWidth(piece.size * 0.06)
    .strokeColor(piece.link ? linkInk : ink)
    .stroke();
}

/**
 * Each document's fonts, the faces registered with it so far and their
 * embedded fonts, and whether text is written as operators (the speed path).
 */
const registered = new WeakMap<
  Doc,
  { fonts: FontSet; faces: Set<Face>; embedded: Map<Face, EmbeddedFont>; operators: boolean }
>();

/** What citeproof touches of pdfkit's embedded font (pinned by tests/dependency-internals.test.ts). */
interface EmbeddedFont extends EmbeddedFontEncoder {
  font: Parameters<typeof shapeRun>[0];
  layoutCache?: Record<string, ShapedRun>;
  layoutRun: (text: string, features?: unknown) => ShapedRun;
}

/** The embedded font of `face` in `doc`, registered and drawing from the shared cache (`useFace`). */
function embeddedFont(doc: Doc, face: Face): EmbeddedFont {
  const entry = registered.get(doc);
  const known = entry?.embedded.get(face);
  if (known) return known;
  const embedded = (useFace(doc, face) as unknown as { _font: EmbeddedFont })._font;
  entry?.embedded.set(face, embedded);
  return embedded;
}

/**
 * Select a face, drawing its shaped words from the process-wide cache the
 * layout filled; a run the layout did not shape (a folio, a running head) is
 * shaped as the layout shapes, with the same features.
 */
function useFace(doc: Doc, face: Face): Doc {
  const fonts = registered.get(doc);
  if (fonts && !fonts.faces.has(face)) {
    // Registered when first used: a face the document never shows is never parsed.
    doc.registerFont(face, fonts.fonts[face] as unknown as string);
    fonts.faces.add(face);
  }
  doc.font(face);
  const embedded = (doc as unknown as { _font?: EmbeddedFont })._font;
  if (embedded && embedded.layoutCache !== shapedRunCache(face)) {
    embedded.layoutCache = shapedRunCache(face);
    const layoutRun = embedded.layoutRun.bind(embedded);
    embedded.layoutRun = (text, features) =>
      features === undefined ? shapeRun(embedded.font, text) : layoutRun(text, features);
  }
  return doc;
}

/**
 * Sort the named destinations (`note-N`, `ref-N`) by code point, as PDF name
 * trees are specified (keys in lexical byte order, ISO 32000-1 §7.9.6), instead
 * of pdfkit's `localeCompare`, whose first call starts ICU's collator (about
 * 15 ms of a cold build). For ASCII names like these both orders agree, so the
 * PDF bytes do not change.
 */
function sortNamesByCodePoint(doc: Doc): void {
  const names = (
    doc as unknown as { _root?: { data?: { Names?: { data?: { Dests?: NameTree } } } } }
  )._root?.data?.Names?.data?.Dests;
  if (names) names._compareKeys = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
}

interface NameTree {
  _compareKeys: (a: string, b: string) => number;
}

/** The running head: the title in capitals of the article's language (Turkish `i` → `İ`). */
export function runningHead(meta: ArticleMeta): string {
  return meta.title.toLocaleUpperCase(meta.lang);
}

/**
 * `text` when it fits in `width`, else cut at the last word boundary that
 * leaves room for an ellipsis (a running head is never hyphenated).
 */
export function shortened(text: string, width: number, measure: (text: string) => number): string {
  if (measure(text) <= width) return text;
  const words = text.split(' ');
  while (words.length > 1) {
    words.pop();
    const candidate = `${words.join(' ').replace(/[\s,;:.–—-]+$/u, '')}…`;
    if (measure(candidate) <= width) return candidate;
  }
  return '…';
}

/** The running head (from page 2) and the folio `n / N`, as pagination artifacts. */
function drawFurniture(
  doc: Doc,
  meta: ArticleMeta,
  number: number,
  total: number,
  spec: PageSpec,
): void {
  const size = 8.5;
  if (number > 1) {
    doc.markContent('Artifact', { type: 'Pagination', attached: ['Top'] });
    // The head in the italic, with what the serif lacks in the monospace face (as in the body).
    const runsOf = (text: string) => withFallbackFaces([{ text, face: 'italic' as Face }]);
    const widthOf = (text: string): number =>
      runsOf(text).reduce((sum, run) => sum + widthIn(doc, run.face, size, run.text), 0);
    const head = shortened(runningHead(meta), spec.width - spec.left - spec.right, widthOf);
    let x = (spec.width - widthOf(head)) / 2;
    for (const run of runsOf(head)) {
      drawRun(doc, { text: run.text, face: run.face, size, color: quiet, x, y: spec.top - 30 });
      x += widthIn(doc, run.face, size, run.text);
    }
    doc
      .moveTo(spec.left, spec.top - 24)
      .lineTo(spec.width - spec.right, spec.top - 24)
      .lineWidth(0.3)
      .strokeColor(quiet)
      .stroke();
    doc.endMarkedContent();
  }
  doc.markContent('Artifact', { type: 'Pagination', attached: ['Bottom'] });
  const folio = `${number} / ${total}`;
  drawRun(doc, {
    text: folio,
    face: 'regular',
    size,
    color: quiet,
    x: (spec.width - widthIn(doc, 'regular', size, folio)) / 2,
    y: spec.height - spec.bottom + 34,
  });
  doc.endMarkedContent();
}

/** The width of `text` in `face` at `size`, as pdfkit measures it. */
function widthIn(doc: Doc, face: Face, size: number, text: string): number {
  return useFace(doc, face).fontSize(size).widthOfString(text);
}

/**
 * A run of text in one face and colour (a running head, a folio, a code
 * line's continuation mark) with its baseline's left end at (`x`, `y`): as
 * text operators, or with pdfkit's `text()` on the plain path.
 */
function drawRun(
  doc: Doc,
  run: { text: string; face: Face; size: number; color: string; x: number; y: number },
): void {
  if (registered.get(doc)?.operators) {
    const font = embeddedFont(doc, run.face);
    writeText(doc as unknown as TextTarget, [
      { ...run, font, scale: 100, color: fillColorOperators(run.color) },
    ]);
    return;
  }
  useFace(doc, run.face)
    .fontSize(run.size)
    .fillColor(run.color)
    .text(run.text, run.x, run.y, {
      lineBreak: false,
      baseline: 'alphabetic',
    } as PDFKit.Mixins.TextOptions);
}
