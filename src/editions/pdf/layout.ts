/**
 * The layout stage: measured blocks → pages of positioned items. Body rows
 * flow from the top; the notes a page calls are set at its foot, and a note
 * too long for the room left continues at the foot of the next page; headings
 * stay with the next two rows, and a paragraph never leaves one line alone at
 * a page's end or start. Plain functions over one explicit `LayoutState`.
 */
import { type FontSet, shape } from './fonts.js';
import { type MeasuredBlock, type Row, measureBlocks } from './blocks.js';
import { type Item, type OutlineEntry, type Page, type PageSpec, a4, moved } from './items.js';
import type { Measure } from './lines.js';
import { flushShifts } from './flush.js';
import type { Manuscript } from './normalize.js';
import { type NoteLine, footItems, measureNote, noteLineHeight, noteStyle } from './notes.js';

export { a4 } from './items.js';
export type { Item, LineOwner, Page, PageSpec } from './items.js';
export type { Line, Measure, Piece } from './lines.js';

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

/** A row placed on the page under construction, `top` its upper edge. */
interface PlacedRow {
  row: Row;
  top: number;
}

/** The page under construction. */
interface PageDraft {
  body: PlacedRow[];
  foot: NoteLine[];
  outline: OutlineEntry[];
}

/** Everything pagination reads and changes, passed to each step. */
interface LayoutState {
  readonly spec: PageSpec;
  /** The bottom margin's edge. */
  readonly bottom: number;
  /** Every note's lines, by number. */
  readonly notes: ReadonlyMap<number, NoteLine[]>;
  /** Notes already given a place. */
  readonly placed: Set<number>;
  readonly pages: Page[];
  page: PageDraft;
  /** Where the next row goes. */
  y: number;
  /** Height the page's foot takes so far. */
  notesHeight: number;
  /** Note lines that did not fit: they start the next page's foot. */
  carried: NoteLine[];
  /** Every body row is placed: no page from here on is flushed to an even bottom. */
  bodyDone?: boolean;
}

/** Lay the manuscript out on pages. */
export function paginate(manuscript: Manuscript, measure: Measure, spec: PageSpec = a4): Page[] {
  const width = spec.width - spec.left - spec.right;
  const height = spec.height - spec.top - spec.bottom;
  const context = { measure, width, height, lang: manuscript.lang, called: new Set<number>() };
  const state = startLayout(manuscript, measure, spec);
  const blocks = manuscript.blocks.flatMap((block, id) => measureBlocks(block, id, context));
  blocks.forEach((block, index) => placeBlock(state, block, blocks[index + 1]));
  // Notes no reference calls (the check warns about them) go at the foot of the last page.
  placeNotes(
    state,
    [...state.notes.keys()].filter((number) => !state.placed.has(number)),
  );
  // The body is all set: its last page stays as it falls, even when notes carry on after it.
  state.bodyDone = true;
  while (state.carried.length > 0) newPage(state);
  state.pages.push(finishPage(state, { last: true }));
  return state.pages;
}

function startLayout(manuscript: Manuscript, measure: Measure, spec: PageSpec): LayoutState {
  const width = spec.width - spec.left - spec.right;
  const notes = new Map<number, NoteLine[]>();
  for (const [number, runs] of manuscript.notes) {
    const target = manuscript.noteTargets.get(number);
    notes.set(number, measureNote(number, runs, target, width, measure, manuscript.lang));
  }
  return {
    spec,
    bottom: spec.height - spec.bottom,
    notes,
    placed: new Set(),
    pages: [],
    page: emptyPage(),
    y: spec.top,
    notesHeight: 0,
    carried: [],
  };
}

function emptyPage(): PageDraft {
  return { body: [], foot: [], outline: [] };
}

/** Place a block's rows, breaking the page where a row and what it keeps with do not fit. */
function placeBlock(
  state: LayoutState,
  block: MeasuredBlock,
  next: MeasuredBlock | undefined,
): void {
  if (state.page.body.length > 0) state.y += block.before;
  block.rows.forEach((row, index) => {
    const keep = keptWith(block, index, next);
    // A heading keeps with what follows it, and the space between them.
    const gap = block.keepWithNext ? block.after + (next?.before ?? 0) : 0;
    if (state.page.body.length > 0 && !fits(state, keep, gap)) {
      breakPage(state, index);
      if (block.header && index > 0) placeRow(state, block.header);
    }
    if (index === 0 && block.outline) state.page.outline.push({ ...block.outline, y: state.y });
    placeRow(state, row);
  });
  state.y += block.after;
}

/**
 * The rows that must share a page with row `index`: a heading's next two
 * rows, a paragraph's second line with its first and its last with the one
 * before (no widows, no orphans).
 */
function keptWith(block: MeasuredBlock, index: number, next: MeasuredBlock | undefined): Row[] {
  const { rows } = block;
  const row = rows[index] as Row;
  if (block.keepWithNext) return [row, ...(next?.rows.slice(0, 2) ?? [])];
  if (rows.length > 1 && (index === 0 || index === rows.length - 2))
    return rows.slice(index, index + 2);
  return [row];
}

/**
 * Start a new page before row `index` of a block. A word broken across pages
 * reads badly and extracts as two: the line with its first half goes along,
 * and the paragraph's first line with it when it would stay alone (no
 * orphan), unless a heading would then end the page.
 */
function breakPage(state: LayoutState, index: number): void {
  const carried = rowsToCarry(state.page.body, index);
  newPage(state);
  for (const { row } of carried) {
    state.page.body.push({ row, top: state.y });
    state.y += row.height;
  }
}

function rowsToCarry(body: PlacedRow[], index: number): PlacedRow[] {
  const last = body[body.length - 1];
  if (last?.row.hyphenated !== true || last.row.notes.length > 0) return [];
  if (index > 2) return body.splice(-1);
  const first = body[body.length - 2];
  const before = body[body.length - 3];
  const heading = before?.row.items.some(
    (item) =>
      item.kind === 'text' && (item.owner.kind === 'heading' || item.owner.kind === 'title'),
  );
  if (index === 2 && first && first.row.notes.length === 0 && before && !heading)
    return body.splice(-2);
  return [];
}

function placeRow(state: LayoutState, row: Row): void {
  state.page.body.push({ row, top: state.y });
  state.y += row.height;
  placeNotes(state, row.notes);
}

/** Whether `rows` (and `gap` between them) fit below `y` with the notes they call that have no place yet. */
function fits(state: LayoutState, rows: Row[], gap = 0): boolean {
  const height = rows.reduce((sum, row) => sum + row.height, 0) + gap;
  const notes = notesNeeded(
    state,
    rows.flatMap((row) => row.notes),
  );
  return state.y + height <= state.bottom - state.notesHeight - notes;
}

/**
 * Height the notes among `numbers` that have no place yet need at this page's
 * foot: each in full but the last, which may continue on the next page, as
 * LaTeX splits a footnote: its first two lines stay with the line that calls it.
 */
function notesNeeded(state: LayoutState, numbers: number[]): number {
  const fresh = [...new Set(numbers)].filter((number) => !state.placed.has(number));
  if (fresh.length === 0) return 0;
  const lines = fresh.flatMap((number, index) => {
    const all = state.notes.get(number) ?? [];
    return index === fresh.length - 1 ? all.slice(0, 2) : all;
  });
  return (
    lines.reduce((sum, note) => sum + note.line.height, 0) +
    noteStyle.gap * fresh.length +
    (state.page.foot.length === 0 ? noteStyle.separator : 0)
  );
}

/** Give notes `numbers` a place: this page's foot, or after the lines already carried over. */
function placeNotes(state: LayoutState, numbers: number[]): void {
  for (const number of numbers) {
    const lines = state.notes.get(number);
    if (!lines || state.placed.has(number)) continue;
    state.placed.add(number);
    if (state.carried.length > 0) state.carried.push(...lines);
    else placeNoteLines(state, lines);
  }
}

/** Place note lines at the foot while they fit (always at least two); carry the rest to the next page. */
function placeNoteLines(state: LayoutState, lines: NoteLine[]): void {
  let index = 0;
  for (; index < lines.length; index++) {
    const note = lines[index] as NoteLine;
    const extra = state.page.foot.length === 0 ? noteStyle.separator : 0;
    const room = state.bottom - state.y - state.notesHeight;
    if (index >= 2 && note.line.height + extra > room) break;
    state.notesHeight += noteLineHeight(note, state.page.foot.length);
    state.page.foot.push(note);
  }
  state.carried.push(...lines.slice(index));
}

/** Close the page under construction and open the next, its foot starting with the carried note lines. */
function newPage(state: LayoutState): void {
  state.pages.push(finishPage(state, { last: state.bodyDone === true }));
  state.page = emptyPage();
  state.y = state.spec.top;
  state.notesHeight = 0;
  const lines = state.carried;
  state.carried = [];
  placeNoteLines(state, lines);
}

/**
 * The page's items: its body rows where they were placed (moved down to an
 * even bottom on every page but the last, see flush.ts), then its foot.
 */
function finishPage(state: LayoutState, { last = false } = {}): Page {
  const { spec, page } = state;
  const floor = state.bottom - state.notesHeight;
  const shifts = last
    ? page.body.map(() => 0)
    : flushShifts(
        page.body.map(({ row, top }) => ({ top, height: row.height })),
        floor,
      );
  const items: Item[] = page.body.flatMap(({ row, top }, index) =>
    row.items.map((item) => moved(item, spec.left, top + (shifts[index] ?? 0))),
  );
  items.push(...footItems(page.foot, spec.left, state.bottom));
  const outline = page.outline.map((entry) => {
    const index = page.body.findIndex(({ top }) => top >= entry.y - 0.01);
    return { ...entry, y: entry.y + (shifts[index] ?? 0) };
  });
  return { items, outline };
}
