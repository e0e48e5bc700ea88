/**
 * Pieces of a line written straight into the page's content stream as text
 * operators (a speed path: `CITEPROOF_TEXT=pdfkit` draws each piece with
 * pdfkit's `text()` instead, see src/speed/). pdfkit's `text()` runs its
 * option merging, measuring and transform bookkeeping and writes nine
 * operators for every piece (a fill colour, `q`, a flip, `BT`, `Tm`, `Tf`,
 * `TJ`, `ET`, `Q`); that was a quarter of a one-article build. Here a line is
 * one text object, with `Tf`, `Tz` and the colour only where they change and
 * a `Tm` and a `TJ` for each piece. The `Tm` and the `TJ` array are the very
 * numbers `text()` writes (the glyph codes and kerning from pdfkit's own
 * encoder), so a reader computes every glyph's place with the same arithmetic
 * and the page renders to the same pixels (a `TJ` array for the whole line,
 * with the word spaces as adjustments, would put the glyphs within a
 * millionth of a point, yet rasterizers then snap the odd glyph that sits on a
 * pixel's edge to the other side). tests/deep/pdf-text-operators.test.ts holds both
 * paths to the same glyphs, text layer, fonts, links and structure.
 */
import type { ShapedPosition } from './shaping.js';

/**
 * What the writer touches of pdfkit's embedded (subset) font: its resource
 * name, its indirect object and its encoder, which adds each glyph to the
 * subset with its width and characters (the ToUnicode map) and gives the
 * glyph codes in hex with their positions (pdfkit's `_fragment` uses the
 * same). Pinned by tests/dependency-internals.test.ts.
 */
export interface EmbeddedFontEncoder {
  id: string;
  ref: () => unknown;
  encode: (text: string) => [codes: string[], positions: ShapedPosition[]];
}

/** What the writer touches of pdfkit's document: its current page's height, fonts and content. */
interface PdfkitPage {
  height: number;
  fonts: Record<string, unknown>;
}

/** A piece as the writer sets it: its glyphs' text, face, size, scale, colour and place (PDF points, y down). */
export interface TextPiece {
  text: string;
  font: EmbeddedFontEncoder;
  size: number;
  /** Horizontal scale in percent (100: none). */
  scale: number;
  /** The fill colour's operators, e.g. `/DeviceRGB cs\n0.1 0.1 0.1 scn`. */
  color: string;
  /** Left end of the first glyph's advance, and the baseline. */
  x: number;
  y: number;
  /** A language span around the piece (BDC…EMC as pdfkit's `markContent('Span', {lang})` writes it). */
  lang?: string;
}

/** The part of pdfkit's document the writer needs. */
export interface TextTarget {
  page: PdfkitPage;
  addContent: (data: string) => unknown;
  markContent: (tag: string, options: { lang: string }) => unknown;
  endMarkedContent: () => unknown;
}

/** A number as pdfkit writes it in content streams (`PDFObject.number`: six decimals at most). */
export function pdfNumber(value: number): number {
  if (value > -1e21 && value < 1e21) return Math.round(value * 1e6) / 1e6;
  throw new Error(`unsupported number: ${value}`);
}

/** The fill colour operators pdfkit writes for `fillColor('#rrggbb')`. */
export function fillColorOperators(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const parts = [value >> 16, (value >> 8) & 0xff, value & 0xff].map((part) => part / 255);
  return `/DeviceRGB cs\n${parts.join(' ')} scn`;
}

/** The state of the text object being written: its operators so far, and what is set. */
interface TextState {
  out: string[];
  height: number;
  font?: EmbeddedFontEncoder;
  size: number;
  scale: number;
  color: string;
}

/**
 * Write `pieces` as one text object (`q`, the flip back to PDF space, `BT` …
 * `ET`, `Q`), each glyph where pdfkit's `text(piece, x, y, {baseline:
 * 'alphabetic', lineBreak: false, horizontalScaling})` draws it.
 */
export function writeText(target: TextTarget, pieces: readonly TextPiece[]): void {
  const { page } = target;
  const state: TextState = {
    out: ['q', `1 0 0 -1 0 ${pdfNumber(page.height)} cm`, 'BT'],
    height: page.height,
    size: 0,
    scale: 100,
    color: '',
  };
  for (let piece of pieces) {
    // As pdfkit: line feeds are dropped, and nothing is set for no text.
    if (piece.text.includes('\n')) piece = { ...piece, text: piece.text.replace(/\n/g, '') };
    if (piece.text.length === 0) continue;
    page.fonts[piece.font.id] ??= piece.font.ref();
    if (piece.lang) {
      flush(target, state);
      target.markContent('Span', { lang: piece.lang });
      writePiece(state, piece);
      flush(target, state);
      target.endMarkedContent();
    } else writePiece(state, piece);
  }
  state.out.push('ET', 'Q');
  flush(target, state);
}

function flush(target: TextTarget, state: TextState): void {
  if (state.out.length > 0) target.addContent(state.out.join('\n'));
  state.out = [];
}

/** One piece: the colour, font and scale where they change, its `Tm`, its glyphs. */
function writePiece(state: TextState, piece: TextPiece): void {
  const [codes, positions] = piece.font.encode(piece.text);
  if (state.color !== piece.color) state.out.push(piece.color);
  if (state.font !== piece.font || state.size !== piece.size)
    state.out.push(`/${piece.font.id} ${pdfNumber(piece.size)} Tf`);
  if (state.scale !== piece.scale) state.out.push(`${piece.scale} Tz`);
  state.color = piece.color;
  state.font = piece.font;
  state.size = piece.size;
  state.scale = piece.scale;
  // As pdfkit: the page is flipped (y down); text is set in PDF space (y up).
  const y = state.height - piece.y;
  state.out.push(`1 0 0 1 ${pdfNumber(piece.x)} ${pdfNumber(y)} Tm`);
  writeGlyphs(state.out, piece, codes, positions, y);
}

/**
 * The glyphs in `TJ` arrays as pdfkit's `_fragment` writes them: a segment
 * ends after a kerned glyph (its number is the kerning; segments with nothing
 * between them are joined, a 0 at the end left out), and a glyph moved off its
 * place (a combining mark) is set from a `Tm` of its own, the rest going on
 * from a `Tm` after it (pdfkit's pen there ignores the horizontal scale; so
 * does this, to put the glyphs where it does).
 */
function writeGlyphs(
  out: string[],
  piece: TextPiece,
  codes: string[],
  positions: ShapedPosition[],
  y: number,
): void {
  const scale = piece.size / 1000;
  const array = new GlyphArray(codes, positions);
  let x = piece.x;
  let hadOffset = false;
  for (let index = 0; index < positions.length; index++) {
    const position = positions[index] as ShapedPosition;
    if (position.xOffset || position.yOffset) {
      array.segment(index);
      array.writeTo(out);
      out.push(
        `1 0 0 1 ${pdfNumber(x + position.xOffset * scale)} ${pdfNumber(y + position.yOffset * scale)} Tm`,
      );
      array.segment(index + 1);
      array.writeTo(out);
      hadOffset = true;
    } else {
      if (hadOffset) {
        out.push(`1 0 0 1 ${pdfNumber(x)} ${pdfNumber(y)} Tm`);
        hadOffset = false;
      }
      if (position.xAdvance - position.advanceWidth !== 0) array.segment(index + 1);
    }
    x += position.xAdvance * scale;
  }
  array.segment(positions.length);
  array.writeTo(out);
}

/** A `TJ` array being made of a piece's glyphs: hex codes, each run followed by its kerning. */
class GlyphArray {
  private text = '';
  /** The glyphs written into `text` so far. */
  private last = 0;
  /** The kerning after the last run, as written (0: none). */
  private kerning = 0;

  constructor(
    private readonly codes: string[],
    private readonly positions: ShapedPosition[],
  ) {}

  /** The glyphs up to `end` as a run, followed by the kerning of its last glyph. */
  segment(end: number): void {
    if (this.last >= end) return;
    const position = this.positions[end - 1] as ShapedPosition;
    let hex = '';
    for (let index = this.last; index < end; index++) hex += this.codes[index];
    if (this.text === '') this.text = `[<${hex}`;
    else if (this.kerning === 0) this.text += hex;
    else this.text += `> ${this.kerning} <${hex}`;
    this.kerning = pdfNumber(-(position.xAdvance - position.advanceWidth));
    this.last = end;
  }

  /** Write the array as a `TJ` (if it has glyphs) and start anew. */
  writeTo(out: string[]): void {
    if (this.text === '') return;
    out.push(`${this.text}>${this.kerning === 0 ? '' : ` ${this.kerning}`}] TJ`);
    this.text = '';
    this.kerning = 0;
  }
}
