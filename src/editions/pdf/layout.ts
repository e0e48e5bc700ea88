import { type Face, type FontSet, shape } from './fonts.js';
import { breakPoints, languageOf } from './hyphenate.js';
import type { Block, BlockKind, Manuscript, Run } from './normalize.js';

/** Page geometry, in points (A4). */
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
  /** A word space follows this piece (drawn, so that text extraction and screen readers see it). */
  space?: boolean;
  link?: string;
  /** Another PDF beside this one to open (a go-to-remote link). */
  file?: string;
  /** Internal link target (a named destination). */
  goTo?: string;
  /** Named destination placed at this piece. */
  dest?: string;
  lang?: string;
}

/** What a line belongs to, for the document structure (tags). */
export interface LineOwner {
  /** Index of the block (body) or the note number (notes). */
  id: number;
  kind: BlockKind | 'note';
  level?: number;
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
  /** The line ends with a word broken by a hyphen. */
  hyphenated?: boolean;
  owner: LineOwner;
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
  /** Height of the separator above the notes, when the page has notes. */
  separatorY?: number;
  /** Outline entries that start on this page. */
  outline: Array<{ title: string; level: number; y: number }>;
}

/** The measuring function: width of `text` in `face` at `size`. */
export type Measure = (text: string, face: Face, size: number) => number;

/**
 * A measure over parsed fonts. A piece is measured with the space that
 * follows it, as pdfkit will draw and cache it, so a word is shaped once for
 * measuring and drawing alike (see `shape`).
 */
export function fontMeasure(fonts: FontSet): Measure {
  return (text, face, size) => {
    const width =
      shape(fonts, face, `${text} `).advanceWidth - shape(fonts, face, ' ').advanceWidth;
    return (width * size) / 1000;
  };
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
}

/** Split runs into words (measure stage): whitespace separates words, runs may join within one. */
function wordsOf(runs: Run[], setting: Setting, called: Set<number>): Word[] {
  const { size, measure } = setting;
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
    for (const part of run.text.split(/(\n|[ \t\r\f\v\u00a0]+)/)) {
      if (part === '') continue;
      if (part === '\n') flush(true);
      else if (/^\s+$/.test(part)) flush(false);
      else {
        const width = measure(part, run.face, size);
        const piece: Omit<Piece, 'x'> = { text: part, face: run.face, size, width, rise: 0 };
        if (run.link) piece.link = run.link;
        if (run.file) piece.file = run.file;
        const lang = run.lang ?? languageOf(part, setting.lang);
        if (lang !== setting.lang) piece.lang = lang;
        current.pieces.push(piece);
        current.width += width;
      }
    }
  }
  flush(false);
  return words;
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

/**
 * Break words into lines of at most `width` (justified unless `align` is
 * left), hyphenating a word that does not fit; not on two lines running
 * unless the line would be very loose.
 */
function linesOf(
  words: Word[],
  width: number,
  leading: number,
  align: 'justify' | 'left',
  setting: Setting,
  owner: LineOwner,
): Line[] {
  const space = setting.measure(' ', 'regular', setting.size);
  const rows: Array<{ words: Word[]; hyphen: boolean }> = [];
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
      const tryHyphen: boolean = room > 4 * space && (!previousHyphen || loose > 2.2);
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
      owner,
    };
    if (hyphen) line.hyphenated = true;
    return line;
  });
}

interface NoteLayout {
  number: number;
  lines: Line[];
}

function layoutNote(
  number: number,
  runs: Run[],
  target: number | undefined,
  width: number,
  measure: Measure,
  lang: string,
): NoteLayout {
  const setting = { size: noteStyle.size, measure, lang };
  const owner: LineOwner = { id: number, kind: 'note' };
  const lines = linesOf(
    wordsOf(runs, setting, new Set()),
    width - noteStyle.hang,
    noteStyle.leading,
    'left',
    setting,
    owner,
  );
  if (target !== undefined) {
    // A resolved op. cit./ibid. links to the note it points to.
    for (const line of lines)
      for (const piece of line.pieces) if (!piece.link) piece.goTo = `note-${target}`;
  }
  const label = String(number);
  const first = lines[0] ?? {
    pieces: [],
    height: noteStyle.leading,
    ascent: noteStyle.size * 0.95,
    notes: [],
    owner,
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
      space: true,
    },
    ...first.pieces,
  ];
  if (lines.length === 0) lines.push(first);
  return { number, lines };
}

/**
 * Lay the manuscript out on pages (paginate stage): body lines flow from the
 * top; the notes a page calls are set at its foot, and a note too long for
 * the room left continues at the foot of the next page; headings stay with
 * the next two lines, and a paragraph never leaves one line alone at a
 * page's end or start.
 */
export function paginate(manuscript: Manuscript, measure: Measure, spec: PageSpec = a4): Page[] {
  const textWidth = spec.width - spec.left - spec.right;
  const bottom = spec.height - spec.bottom;
  const lang = manuscript.lang;
  const called = new Set<number>();
  const notes = new Map<number, NoteLayout>();
  for (const [number, runs] of manuscript.notes) {
    notes.set(
      number,
      layoutNote(number, runs, manuscript.noteTargets.get(number), textWidth, measure, lang),
    );
  }

  const pages: Page[] = [];
  let page: Page = { lines: [], notes: [], outline: [] };
  let y = spec.top;
  let notesHeight = 0;
  let carried: Line[] = [];
  const placed = new Set<number>();
  const noteRoom = (): number => bottom - y - notesHeight;
  const addNoteLines = (lines: Line[]): void => {
    for (const line of lines) {
      const startsNote = line.pieces[0]?.dest?.startsWith('note-') === true;
      const extra =
        (page.notes.length === 0 ? noteStyle.separator : 0) +
        (startsNote && page.notes.length > 0 ? noteStyle.gap : 0);
      page.notes.push({ line, x: spec.left + noteStyle.hang, y: 0 });
      notesHeight += line.height + extra;
    }
  };
  const newPage = (): void => {
    pages.push(page);
    page = { lines: [], notes: [], outline: [] };
    y = spec.top;
    notesHeight = 0;
    const lines = carried;
    carried = [];
    placeNoteLines(lines);
  };
  /** Place note lines at the foot while they fit (always at least two); carry the rest to the next page. */
  const placeNoteLines = (lines: Line[]): void => {
    let index = 0;
    for (; index < lines.length; index++) {
      const line = lines[index] as Line;
      const extra = page.notes.length === 0 ? noteStyle.separator : 0;
      if (index >= 2 && line.height + extra > noteRoom()) break;
      addNoteLines([line]);
    }
    carried.push(...lines.slice(index));
  };
  const notesNeeded = (numbers: number[]): number => {
    const fresh = numbers.filter((number) => !placed.has(number));
    if (fresh.length === 0) return 0;
    const lines = fresh.flatMap((number) => notes.get(number)?.lines ?? []);
    return (
      lines.reduce((sum, line) => sum + line.height, 0) +
      noteStyle.gap * fresh.length +
      (page.notes.length === 0 ? noteStyle.separator : 0)
    );
  };
  const fits = (lines: Line[]): boolean => {
    const height = lines.reduce((sum, line) => sum + line.height, 0);
    return y + height <= bottom - notesHeight - notesNeeded(lines.flatMap((line) => line.notes));
  };
  const placeNotes = (numbers: number[]): void => {
    for (const number of numbers) {
      const note = notes.get(number);
      if (!note || placed.has(number)) continue;
      placed.add(number);
      if (carried.length > 0) carried.push(...note.lines);
      else placeNoteLines(note.lines);
    }
  };

  const laidOut = manuscript.blocks.map((block, id) => {
    const style = styles[block.kind];
    const owner: LineOwner = {
      id,
      kind: block.kind,
      ...(block.level ? { level: block.level } : {}),
      ...(block.lang ? { lang: block.lang } : {}),
    };
    if (block.kind === 'rule') {
      return {
        block,
        style,
        lines: [
          {
            pieces: [],
            height: style.leading,
            ascent: style.leading / 2,
            notes: [],
            rule: true,
            owner,
          },
        ],
      };
    }
    const setting = { size: style.size, measure, lang: block.lang ?? lang };
    const lines = linesOf(
      wordsOf(block.runs, setting, called),
      textWidth - block.indent,
      style.leading,
      style.align,
      setting,
      owner,
    );
    if (block.marker && lines[0]) {
      lines[0].pieces.unshift({
        text: block.marker,
        face: 'regular',
        size: style.size,
        x: -12,
        width: measure(block.marker, 'regular', style.size),
        rise: 0,
        space: true,
      });
    }
    return { block, style, lines };
  });

  laidOut.forEach(({ block, style, lines }, blockIndex) => {
    if (page.lines.length > 0) y += style.before;
    lines.forEach((line, index) => {
      let keep = [line];
      if (block.kind === 'heading' || block.kind === 'title') {
        keep = [line, ...(laidOut[blockIndex + 1]?.lines.slice(0, 2) ?? [])];
      } else if (lines.length > 1 && (index === 0 || index === lines.length - 2)) {
        // No orphan (first line alone at a foot), no widow (last line alone at a head):
        // a three-line paragraph can break nowhere, so it moves whole.
        keep = lines.slice(index, index + (index === 0 && lines.length === 3 ? 3 : 2));
      }
      if (page.lines.length > 0 && !fits(keep)) {
        // A word broken across pages reads badly and extracts as two: take its first half along.
        const previous = page.lines[page.lines.length - 1];
        const carry =
          index > 2 && previous?.line.hyphenated === true && previous.line.notes.length === 0
            ? page.lines.pop()
            : undefined;
        newPage();
        if (carry) {
          page.lines.push({ ...carry, y: y + carry.line.ascent });
          y += carry.line.height;
        }
      }
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
  placeNotes([...notes.keys()].filter((number) => !placed.has(number)));
  while (carried.length > 0) newPage();
  pages.push(page);
  for (const each of pages) setNotePositions(each, bottom);
  return pages;
}

/** Stack a page's notes upward from the bottom margin, with the separator above them. */
function setNotePositions(page: Page, bottom: number): void {
  if (page.notes.length === 0) return;
  const gapBefore = (index: number): number =>
    index > 0 && page.notes[index]?.line.pieces[0]?.dest?.startsWith('note-') === true
      ? noteStyle.gap
      : 0;
  const height = page.notes.reduce(
    (sum, placed, index) => sum + placed.line.height + gapBefore(index),
    0,
  );
  let y = bottom - height;
  page.separatorY = y - noteStyle.separator / 2;
  page.notes.forEach((placed, index) => {
    y += gapBefore(index);
    placed.y = y + placed.line.ascent;
    y += placed.line.height;
  });
}
