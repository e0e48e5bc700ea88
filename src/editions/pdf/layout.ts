import type { Face, FontSet } from './fonts.js';
import type { Block, BlockKind, Manuscript, Run } from './normalize.js';

/** Page geometry and type sizes, in points (A4). */
export interface PageSpec {
  width: number;
  height: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export const a4: PageSpec = {
  width: 595.28,
  height: 841.89,
  top: 78,
  bottom: 78,
  left: 78,
  right: 78,
};

interface BlockStyle {
  size: number;
  leading: number;
  before: number;
  after: number;
  align: 'justify' | 'left';
}

const styles: Record<BlockKind, BlockStyle> = {
  title: { size: 20, leading: 25, before: 0, after: 8, align: 'left' },
  subtitle: { size: 13, leading: 17, before: 0, after: 6, align: 'left' },
  byline: { size: 10.5, leading: 14, before: 2, after: 20, align: 'left' },
  heading: { size: 12.5, leading: 16, before: 12, after: 4, align: 'left' },
  paragraph: { size: 10.5, leading: 14.5, before: 0, after: 7, align: 'justify' },
  code: { size: 9, leading: 12, before: 0, after: 0, align: 'left' },
  rule: { size: 10.5, leading: 10, before: 6, after: 6, align: 'left' },
};

const noteStyle = { size: 8.5, leading: 11, gap: 3, hang: 13, separator: 12 };
const superscript = { scale: 0.62, rise: 0.36 };

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
  link?: string;
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
  rule?: boolean;
}

/** A line placed on a page: `y` is its baseline. */
export interface PlacedLine {
  line: Line;
  x: number;
  y: number;
}

export interface Page {
  lines: PlacedLine[];
  notes: PlacedLine[];
  /** Top of the note separator, when the page has notes. */
  separatorY?: number;
  /** Outline entries that start on this page. */
  outline: Array<{ title: string; level: number; y: number }>;
}

/** The measuring function: width of `text` in `face` at `size`. */
export type Measure = (text: string, face: Face, size: number) => number;

/** A measure over parsed fonts, caching what repeats (words recur often). */
export function fontMeasure(fonts: FontSet): Measure {
  const cache = new Map<string, number>();
  return (text, face, size) => {
    const key = `${face}\u0000${text}`;
    let units = cache.get(key);
    if (units === undefined) {
      const font = fonts[face];
      units = font.layout(text).advanceWidth / font.unitsPerEm;
      cache.set(key, units);
    }
    return units * size;
  };
}

interface Word {
  pieces: Array<Omit<Piece, 'x'>>;
  width: number;
  notes: number[];
  /** A forced line break follows. */
  breakAfter: boolean;
}

/** Split runs into words (measure stage): whitespace separates words, runs may join within one. */
function wordsOf(runs: Run[], size: number, measure: Measure, called: Set<number>): Word[] {
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
      const noteSize = size * superscript.scale;
      const width = measure(run.text, run.face, noteSize);
      const piece: Omit<Piece, 'x'> = {
        text: run.text,
        face: run.face,
        size: noteSize,
        width,
        rise: size * superscript.rise,
        goTo: `note-${run.note}`,
      };
      if (!called.has(run.note)) {
        called.add(run.note);
        piece.dest = `ref-${run.note}`;
      }
      current.pieces.push(piece);
      current.width += width;
      current.notes.push(run.note);
      continue;
    }
    const parts = run.text.split(/(\n|[ \t\r\f\v\u00a0]+)/);
    for (const part of parts) {
      if (part === '') continue;
      if (part === '\n') flush(true);
      else if (/^\s+$/.test(part)) flush(false);
      else {
        const width = measure(part, run.face, size);
        const piece: Omit<Piece, 'x'> = { text: part, face: run.face, size, width, rise: 0 };
        if (run.link) piece.link = run.link;
        if (run.lang) piece.lang = run.lang;
        current.pieces.push(piece);
        current.width += width;
      }
    }
  }
  flush(false);
  return words;
}

/** Break words into lines of at most `width`, justified unless `align` is left. */
function linesOf(
  words: Word[],
  width: number,
  size: number,
  leading: number,
  align: 'justify' | 'left',
  measure: Measure,
): Line[] {
  const space = measure(' ', 'regular', size);
  const rows: Word[][] = [];
  let row: Word[] = [];
  let used = 0;
  for (const word of words) {
    const needed = row.length === 0 ? word.width : used + space + word.width;
    if (row.length > 0 && needed > width) {
      rows.push(row);
      row = [];
      used = 0;
    }
    used = row.length === 0 ? word.width : used + space + word.width;
    row.push(word);
    if (word.breakAfter) {
      rows.push(row);
      row = [];
      used = 0;
    }
  }
  if (row.length > 0) rows.push(row);
  return rows.map((words, index) => {
    const natural = words.reduce((sum, word) => sum + word.width, 0);
    const last = index === rows.length - 1 || words[words.length - 1]?.breakAfter === true;
    const gap =
      align === 'justify' && !last && words.length > 1
        ? (width - natural) / (words.length - 1)
        : space;
    const pieces: Piece[] = [];
    let x = 0;
    for (const word of words) {
      for (const piece of word.pieces) {
        pieces.push({ ...piece, x });
        x += piece.width;
      }
      x += gap;
    }
    return {
      pieces,
      height: leading,
      ascent: size * 0.95,
      notes: words.flatMap((word) => word.notes),
    };
  });
}

interface NoteLayout {
  number: number;
  lines: Line[];
  height: number;
}

function layoutNote(number: number, runs: Run[], width: number, measure: Measure): NoteLayout {
  const called = new Set<number>();
  const lines = linesOf(
    wordsOf(runs, noteStyle.size, measure, called),
    width - noteStyle.hang,
    noteStyle.size,
    noteStyle.leading,
    'left',
    measure,
  );
  const label = String(number);
  const first = lines[0] ?? {
    pieces: [],
    height: noteStyle.leading,
    ascent: noteStyle.size * 0.95,
    notes: [],
  };
  first.pieces = [
    {
      text: label,
      face: 'regular',
      size: noteStyle.size,
      x: -noteStyle.hang,
      width: measure(label, 'regular', noteStyle.size),
      rise: 0,
      goTo: `ref-${number}`,
      dest: `note-${number}`,
    },
    ...first.pieces,
  ];
  if (lines.length === 0) lines.push(first);
  return { number, lines, height: lines.length * noteStyle.leading + noteStyle.gap };
}

/**
 * Lay the manuscript out on pages (paginate stage): body lines flow from the
 * top, the notes a page calls are set at its foot, headings stay with the next
 * two lines, and a paragraph never leaves one line alone at a page's end or start.
 */
export function paginate(manuscript: Manuscript, measure: Measure, spec: PageSpec = a4): Page[] {
  const textWidth = spec.width - spec.left - spec.right;
  const bottom = spec.height - spec.bottom;
  const called = new Set<number>();
  const notes = new Map<number, NoteLayout>();
  for (const [number, runs] of manuscript.notes)
    notes.set(number, layoutNote(number, runs, textWidth, measure));

  const pages: Page[] = [];
  let page: Page = { lines: [], notes: [], outline: [] };
  let y = spec.top;
  let notesHeight = 0;
  const placed = new Set<number>();
  const newPage = (): void => {
    pages.push(page);
    page = { lines: [], notes: [], outline: [] };
    y = spec.top;
    notesHeight = 0;
  };
  const notesNeeded = (numbers: number[]): number => {
    const fresh = numbers.filter((number) => !placed.has(number));
    if (fresh.length === 0) return 0;
    const height = fresh.reduce((sum, number) => sum + (notes.get(number)?.height ?? 0), 0);
    return height + (page.notes.length === 0 ? noteStyle.separator : 0);
  };
  const fits = (lines: Line[]): boolean => {
    const height = lines.reduce((sum, line) => sum + line.height, 0);
    return y + height <= bottom - notesHeight - notesNeeded(lines.flatMap((line) => line.notes));
  };
  const placeNotes = (numbers: number[]): void => {
    const extra = notesNeeded(numbers);
    for (const number of numbers) {
      const note = notes.get(number);
      if (!note || placed.has(number)) continue;
      placed.add(number);
      for (const line of note.lines) page.notes.push({ line, x: spec.left + noteStyle.hang, y: 0 });
    }
    notesHeight += extra;
  };

  const laidOut = manuscript.blocks.map((block) => {
    const style = styles[block.kind];
    const width = textWidth - block.indent;
    if (block.kind === 'rule') {
      return {
        block,
        style,
        lines: [
          { pieces: [], height: style.leading, ascent: style.leading / 2, notes: [], rule: true },
        ],
      };
    }
    const lines = linesOf(
      wordsOf(block.runs, style.size, measure, called),
      width,
      style.size,
      style.leading,
      style.align,
      measure,
    );
    if (block.marker && lines[0]) {
      lines[0].pieces.unshift({
        text: block.marker,
        face: 'regular',
        size: style.size,
        x: -12,
        width: measure(block.marker, 'regular', style.size),
        rise: 0,
      });
    }
    for (const line of lines)
      for (const piece of line.pieces) if (block.lang && !piece.lang) piece.lang = block.lang;
    return { block, style, lines };
  });

  laidOut.forEach(({ block, style, lines }, blockIndex) => {
    if (page.lines.length > 0) y += style.before;
    lines.forEach((line, index) => {
      let keep = [line];
      if (block.kind === 'heading' || block.kind === 'title') {
        keep = [line, ...(laidOut[blockIndex + 1]?.lines.slice(0, 2) ?? [])];
      } else if (lines.length > 1 && (index === 0 || index === lines.length - 2)) {
        keep = lines.slice(index, index + 2);
      }
      if (page.lines.length > 0 && !fits(keep)) newPage();
      if (index === 0 && (block.kind === 'heading' || block.kind === 'title')) {
        page.outline.push({
          title: block.runs.map((run) => run.text).join(''),
          level: block.level ?? 1,
          y,
        });
      }
      page.lines.push({ line, x: spec.left + block.indent, y: y + line.ascent });
      y += line.height;
      placeNotes(line.notes);
    });
    y += style.after;
  });
  // Notes no reference calls (the check warns about them) go at the foot of the last page.
  const uncalled = [...notes.keys()].filter((number) => !placed.has(number));
  if (uncalled.length > 0) {
    if (!fits([{ pieces: [], height: 0, ascent: 0, notes: uncalled }])) newPage();
    placeNotes(uncalled);
  }
  pages.push(page);
  for (const each of pages) setNotePositions(each, bottom);
  return pages;
}

/** Stack a page's notes upward from the bottom margin, with the separator above them. */
function setNotePositions(page: Page, bottom: number): void {
  if (page.notes.length === 0) return;
  let height = 0;
  let previousDest: string | undefined;
  for (const placedLine of page.notes) {
    const startsNote = placedLine.line.pieces[0]?.dest?.startsWith('note-') === true;
    if (startsNote && previousDest !== undefined) height += noteStyle.gap;
    if (startsNote) previousDest = placedLine.line.pieces[0]?.dest;
    height += placedLine.line.height;
  }
  let y = bottom - height;
  page.separatorY = y - noteStyle.separator / 2;
  let first = true;
  for (const placedLine of page.notes) {
    const startsNote = placedLine.line.pieces[0]?.dest?.startsWith('note-') === true;
    if (startsNote && !first) y += noteStyle.gap;
    first = false;
    placedLine.y = y + placedLine.line.ascent;
    y += placedLine.line.height;
  }
}
