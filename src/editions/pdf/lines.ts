/**
 * Line breaking: a paragraph's runs and a width in, lines of placed pieces out.
 * The whole interface is `breakLines`; the layout knows nothing of how it
 * breaks (total fit, Knuth–Plass: see total-fit.ts and knuth-plass.ts).
 */
import type { Face } from './fonts.js';
import { languageOf } from './hyphenate.js';
import type { Run } from './normalize.js';
import { expansionOf, rowsByTotalFit } from './total-fit.js';

const endsInDigit = /\p{Nd}$/u;

/** The measuring function: width of `text` in `face` at `size`. */
export type Measure = (text: string, face: Face, size: number) => number;

/**
 * How note calls are set: a fraction of the text size, raised by a fraction
 * of it; after a digit, a kern of a fraction of the call's size keeps the call
 * apart from the figure in the text layer. pdftotext joins glyphs closer than
 * about 0.07 of their size into one word (measured with poppler 22.12:
 * `33.6`⁶ extracts as `33.66` at 0.3 pt, as `33.6 6` from 0.5 pt at 6.5 pt).
 */
export const superscript = { scale: 0.62, rise: 0.36, kernAfterDigit: 0.15 };

/** One piece of text set in one face and size, relative to its line. */
export interface Piece {
  text: string;
  face: Face;
  size: number;
  /** Offset from the line's left edge. */
  x: number;
  width: number;
  /** Raise above the baseline (superscripts). */
  rise: number;
  /** A word space follows this piece (drawn, so that text extraction and screen readers see it). */
  space?: boolean;
  /** Horizontal scale of the glyphs (font expansion, within ±2%); `width` is already scaled. */
  scale?: number;
  /** Space before the glyphs, inside `width` (a note call after a digit). */
  kern?: number;
  /** Struck through. */
  strike?: boolean;
  /** A list item's marker (its bullet or number: tagged Lbl). */
  label?: boolean;
  /** The number of the note this piece calls. */
  call?: number;
  link?: string;
  /** Another PDF beside this one to open (a go-to-remote link). */
  file?: string;
  /** Internal link target (a named destination). */
  goTo?: string;
  /** Named destination placed at this piece. */
  dest?: string;
  lang?: string;
}

/** A line of text: its pieces placed from the left edge, its height and the notes it calls. */
export interface Line {
  pieces: Piece[];
  height: number;
  /** Distance from the top of the line to its baseline. */
  ascent: number;
  notes: number[];
  /** The line ends with a word broken by a hyphen. */
  hyphenated?: boolean;
}

/** How a paragraph is set. */
export interface LineStyle {
  size: number;
  leading: number;
  align: 'justify' | 'left';
  /** The paragraph's language (hyphenation patterns). */
  lang: string;
  /** Whether words may be hyphenated (not in display titles); default true. */
  hyphenate?: boolean;
}

/**
 * Break a paragraph's runs into lines of at most `width` by total fit:
 * justified unless `style.align` is left (then ragged, with an edge as even
 * as the words allow), hyphenated where that makes the paragraph better, never
 * past `width`. A `\n` run forces a break.
 */
export function breakLines(runs: Run[], width: number, style: LineStyle, measure: Measure): Line[] {
  const setting: Setting = {
    size: style.size,
    measure,
    lang: style.lang,
    hyphenate: style.hyphenate !== false,
  };
  return linesOf(wordsOf(runs, setting), width, style.leading, style.align, setting);
}

interface Word {
  pieces: Array<Omit<Piece, 'x'>>;
  width: number;
  notes: number[];
  /** A forced line break follows. */
  breakAfter: boolean;
}

interface Setting {
  size: number;
  measure: Measure;
  lang: string;
  hyphenate: boolean;
}

/** Split runs into words: whitespace separates words, runs may join within one. */
function wordsOf(runs: Run[], setting: Setting): Word[] {
  const words: Word[] = [];
  let current: Word = { pieces: [], width: 0, notes: [], breakAfter: false };
  const flush = (breakAfter: boolean): void => {
    if (current.pieces.length > 0) words.push({ ...current, breakAfter });
    else if (breakAfter && words.length > 0) {
      const last = words[words.length - 1];
      if (last) last.breakAfter = true;
    }
    current = { pieces: [], width: 0, notes: [], breakAfter: false };
  };
  for (const run of runs) {
    if (run.note !== undefined) {
      const before = current.pieces[current.pieces.length - 1];
      const afterDigit = before?.call === undefined && endsInDigit.test(before?.text ?? '');
      const piece = notePiece(run, run.note, setting, afterDigit);
      current.pieces.push(piece);
      current.width += piece.width;
      current.notes.push(run.note);
      continue;
    }
    for (const part of run.text.split(/(\n|[ \t\r\f\v\u00a0]+)/)) {
      if (part === '') continue;
      if (part === '\n') flush(true);
      else if (/^\s+$/.test(part)) flush(false);
      else {
        const piece = textPiece(run, part, setting);
        current.pieces.push(piece);
        current.width += piece.width;
      }
    }
  }
  flush(false);
  return words;
}

function notePiece(
  run: Run,
  note: number,
  setting: Setting,
  afterDigit: boolean,
): Omit<Piece, 'x'> {
  const noteSize = setting.size * superscript.scale;
  const kern = afterDigit ? noteSize * superscript.kernAfterDigit : 0;
  const piece: Omit<Piece, 'x'> = {
    text: run.text,
    face: run.face,
    size: noteSize,
    width: setting.measure(run.text, run.face, noteSize) + kern,
    rise: setting.size * superscript.rise,
    goTo: `note-${note}`,
    call: note,
  };
  if (kern > 0) piece.kern = kern;
  return piece;
}

function textPiece(run: Run, part: string, setting: Setting): Omit<Piece, 'x'> {
  const { size, measure } = setting;
  const piece: Omit<Piece, 'x'> = {
    text: part,
    face: run.face,
    size,
    width: measure(part, run.face, size),
    rise: 0,
  };
  if (run.link) piece.link = run.link;
  if (run.file) piece.file = run.file;
  if (run.strike) piece.strike = true;
  const lang = run.lang ?? languageOf(part, setting.lang);
  if (lang !== setting.lang) piece.lang = lang;
  return piece;
}

/**
 * A copy of a word's piece, placed at `x`. Field by field, not `{ ...piece, x }`: pieces
 * come in a dozen shapes (links, calls, languages, kerning), and V8's spread of objects of
 * many shapes takes its slow path, which was a fifth of building a long article (1 MB of
 * prose: 1.0 s of 7 s). tests/typography.test.ts checks that every field of `Piece` is copied.
 */
export function placedPiece(piece: Omit<Piece, 'x'>, x: number): Piece {
  const placed: Piece = {
    text: piece.text,
    face: piece.face,
    size: piece.size,
    width: piece.width,
    rise: piece.rise,
    x,
  };
  if (piece.space !== undefined) placed.space = piece.space;
  if (piece.scale !== undefined) placed.scale = piece.scale;
  if (piece.kern !== undefined) placed.kern = piece.kern;
  if (piece.strike !== undefined) placed.strike = piece.strike;
  if (piece.label !== undefined) placed.label = piece.label;
  if (piece.call !== undefined) placed.call = piece.call;
  if (piece.link !== undefined) placed.link = piece.link;
  if (piece.file !== undefined) placed.file = piece.file;
  if (piece.goTo !== undefined) placed.goTo = piece.goTo;
  if (piece.dest !== undefined) placed.dest = piece.dest;
  if (piece.lang !== undefined) placed.lang = piece.lang;
  return placed;
}

/** Break words into lines (justified unless `align` is left). */
function linesOf(
  words: Word[],
  width: number,
  leading: number,
  align: 'justify' | 'left',
  setting: Setting,
): Line[] {
  const space = setting.measure(' ', 'regular', setting.size);
  const rows = rowsByTotalFit(words, width, align, setting);
  return rows.map(({ words: rowWords, hyphen, split }, index) => {
    const natural = rowWords.reduce((sum, word) => sum + word.width, 0);
    const last = index === rows.length - 1 || rowWords[rowWords.length - 1]?.breakAfter === true;
    // A last line set at its natural spacing may be a little too wide: the breaker let its spaces shrink.
    const overfull = natural + (rowWords.length - 1) * space > width;
    const justified = (overfull || (align === 'justify' && !last)) && rowWords.length > 1;
    const expand = justified ? expansionOf(natural, rowWords.length - 1, space, width) : 0;
    const scale = 1 + expand;
    const gap = justified ? (width - natural * scale) / (rowWords.length - 1) : space;
    const pieces: Piece[] = [];
    let x = 0;
    rowWords.forEach((word, wordIndex) => {
      word.pieces.forEach((piece, pieceIndex) => {
        const endsWord = pieceIndex === word.pieces.length - 1;
        const splitEnd = split && wordIndex === rowWords.length - 1;
        const placed = placedPiece(piece, x);
        if (expand !== 0) {
          placed.width = piece.width * scale;
          placed.scale = scale;
        }
        if (endsWord && !splitEnd) placed.space = true;
        pieces.push(placed);
        x += placed.width;
      });
      x += gap;
    });
    const line: Line = {
      pieces,
      height: leading,
      ascent: setting.size * 0.95,
      notes: rowWords.flatMap((word) => word.notes),
    };
    if (hyphen) line.hyphenated = true;
    return line;
  });
}
