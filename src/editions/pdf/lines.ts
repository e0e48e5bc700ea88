/**
 * Line breaking: a paragraph's runs and a width in, lines of placed pieces out.
 * The whole interface is `breakLines`; the layout knows nothing of how it
 * breaks (today greedy, first fit, with hyphenation when a line would be loose).
 */
import type { Face } from './fonts.js';
import { breakPoints, languageOf } from './hyphenate.js';
import type { Run } from './normalize.js';

/** The measuring function: width of `text` in `face` at `size`. */
export type Measure = (text: string, face: Face, size: number) => number;

/** How note calls are set: a fraction of the text size, raised by a fraction of it. */
export const superscript = { scale: 0.62, rise: 0.36 };

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
  /** Struck through. */
  strike?: boolean;
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
 * Break a paragraph's runs into lines of at most `width`: justified unless
 * `style.align` is left, a word that does not fit hyphenated when the line
 * would otherwise be loose. A `\n` run forces a break.
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
      const piece = notePiece(run, run.note, setting);
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

function notePiece(run: Run, note: number, setting: Setting): Omit<Piece, 'x'> {
  const noteSize = setting.size * superscript.scale;
  return {
    text: run.text,
    face: run.face,
    size: noteSize,
    width: setting.measure(run.text, run.face, noteSize),
    rise: setting.size * superscript.rise,
    goTo: `note-${note}`,
    call: note,
  };
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
 * Split `word` so that its head, with a hyphen, fits in `room`; `undefined`
 * when it cannot be hyphenated there.
 */
function hyphenated(word: Word, room: number, setting: Setting): [Word, Word] | undefined {
  const [piece] = word.pieces;
  if (word.pieces.length !== 1 || !piece || piece.link || piece.goTo) return undefined;
  const points = breakPoints(piece.text, piece.lang ?? setting.lang);
  for (let index = points.length - 1; index >= 0; index--) {
    const at = points[index] ?? 0;
    const head = `${piece.text.slice(0, at)}-`;
    const headWidth = setting.measure(head, piece.face, piece.size);
    if (headWidth > room) continue;
    const tail = piece.text.slice(at);
    const tailWidth = setting.measure(tail, piece.face, piece.size);
    return [
      {
        pieces: [{ ...piece, text: head, width: headWidth }],
        width: headWidth,
        notes: [],
        breakAfter: false,
      },
      {
        pieces: [{ ...piece, text: tail, width: tailWidth }],
        width: tailWidth,
        notes: word.notes,
        breakAfter: word.breakAfter,
      },
    ];
  }
  return undefined;
}

interface Row {
  words: Word[];
  hyphen: boolean;
}

/**
 * Break words into rows of at most `width`, first fit, hyphenating a word
 * that does not fit; not on two rows running unless the row would be very loose.
 */
function rowsOf(words: Word[], width: number, setting: Setting): Row[] {
  const space = setting.measure(' ', 'regular', setting.size);
  const rows: Row[] = [];
  let row: Word[] = [];
  let used = 0;
  let previousHyphen = false;
  const queue = [...words];
  while (queue.length > 0) {
    const word = queue.shift() as Word;
    const needed = row.length === 0 ? word.width : used + space + word.width;
    if (row.length > 0 && needed > width) {
      const room: number = width - used - space;
      // Without a break, the spaces of a justified line would stretch to `loose` times their width.
      const loose: number =
        row.length > 1 ? (width - used) / (row.length - 1) / space + 1 : Number.POSITIVE_INFINITY;
      const tryHyphen: boolean =
        setting.hyphenate && room > 4 * space && (!previousHyphen || loose > 2.2);
      const split: [Word, Word] | undefined = tryHyphen
        ? hyphenated(word, room, setting)
        : undefined;
      if (split) {
        row.push(split[0]);
        queue.unshift(split[1]);
      } else {
        queue.unshift(word);
      }
      rows.push({ words: row, hyphen: split !== undefined });
      previousHyphen = split !== undefined;
      row = [];
      used = 0;
      continue;
    }
    used = needed;
    row.push(word);
    if (word.breakAfter) {
      rows.push({ words: row, hyphen: false });
      previousHyphen = false;
      row = [];
      used = 0;
    }
  }
  if (row.length > 0) rows.push({ words: row, hyphen: false });
  return rows;
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
  const rows = rowsOf(words, width, setting);
  return rows.map(({ words: rowWords, hyphen }, index) => {
    const natural = rowWords.reduce((sum, word) => sum + word.width, 0);
    const last = index === rows.length - 1 || rowWords[rowWords.length - 1]?.breakAfter === true;
    const gap =
      align === 'justify' && !last && rowWords.length > 1
        ? (width - natural) / (rowWords.length - 1)
        : space;
    const pieces: Piece[] = [];
    let x = 0;
    rowWords.forEach((word, wordIndex) => {
      word.pieces.forEach((piece, pieceIndex) => {
        const endsWord = pieceIndex === word.pieces.length - 1;
        const hyphenatedEnd = hyphen && wordIndex === rowWords.length - 1;
        pieces.push({ ...piece, x, ...(endsWord && !hyphenatedEnd ? { space: true } : {}) });
        x += piece.width;
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
