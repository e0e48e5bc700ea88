/**
 * What the layout hands the renderer: pages of positioned, typed items. Each
 * kind has one draw function in render.ts; a new block type adds a kind here,
 * a measure function in blocks.ts and a draw function.
 */
import type { FigureImage } from './images.js';
import type { Line } from './lines.js';
import type { BlockKind, Container } from './normalize.js';

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

/** What a line belongs to, for the document structure (tags). */
export interface LineOwner {
  /** Index of the block (body) or the note number (notes). */
  id: number;
  kind: BlockKind | 'note' | 'caption';
  level?: number;
  lang?: string;
  /** A column group of a table split into stacked groups (from 1): a table of its own. */
  part?: number;
  /** The quotes, lists and list items the line's block is in, outermost first. */
  containers?: Container[];
}

/** A line of body text; `y` is its baseline. */
export interface TextLineItem {
  kind: 'text';
  line: Line;
  owner: LineOwner;
  x: number;
  y: number;
}

/** A line of a note at the page's foot; `y` is its baseline. */
export interface NoteLineItem {
  kind: 'note';
  line: Line;
  owner: LineOwner;
  /** The line starts its note (it carries the note's number). */
  first: boolean;
  x: number;
  y: number;
}

/** A rule from (`x`, `y`) to (`x2`, `y2`): a thematic break, a table's rules, a quote's bar, the notes' separator. */
export interface RuleItem {
  kind: 'rule';
  x: number;
  y: number;
  x2: number;
  y2: number;
  thickness: number;
  tone: 'ink' | 'quiet';
}

/** A line of a code block; `continued`: it goes on from the line above (a long line wrapped). */
export interface CodeLineItem {
  kind: 'code';
  line: Line;
  owner: LineOwner;
  continued: boolean;
  x: number;
  y: number;
}

/** A table cell: its lines placed relative to the cell's top left corner (`x`, `y`). */
export interface CellItem {
  kind: 'cell';
  owner: LineOwner;
  row: number;
  column: number;
  header: boolean;
  /** A header row repeated on a page the table continues on (an artifact: read once). */
  repeated?: boolean;
  lines: Array<{ line: Line; x: number; y: number }>;
  x: number;
  y: number;
}

/** A figure's image, scaled into the box (`x`, `y`) to (`x + width`, `y + height`). */
export interface ImageItem {
  kind: 'image';
  owner: LineOwner;
  image: FigureImage;
  /** What a screen reader says for the image. */
  alt: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Item = TextLineItem | NoteLineItem | RuleItem | CodeLineItem | CellItem | ImageItem;

export interface OutlineEntry {
  title: string;
  level: number;
  y: number;
}

export interface Page {
  /** In drawing (and reading) order: the body, then the notes' separator and the notes. */
  items: Item[];
  /** Outline entries that start on this page. */
  outline: OutlineEntry[];
}

/** `item` moved by `dx`, `dy`. */
export function moved<T extends Item>(item: T, dx: number, dy: number): T {
  const shifted = { ...item, x: dx + item.x, y: dy + item.y };
  if (shifted.kind === 'rule') {
    shifted.x2 = dx + shifted.x2;
    shifted.y2 = dy + shifted.y2;
  }
  return shifted;
}
