/**
 * The measure stage: each block becomes rows, the units pagination stacks.
 * A row has a height, the notes it calls and its items, placed relative to
 * the row's top at the text block's left edge. One measure function per
 * block kind.
 */
import type { Item, LineOwner } from './items.js';
import { type Line, type LineStyle, type Measure, breakLines } from './lines.js';
import type { Block, BlockKind } from './normalize.js';

export interface BlockStyle {
  size: number;
  leading: number;
  before: number;
  after: number;
  align: 'justify' | 'left';
}

export const styles: Record<BlockKind, BlockStyle> = {
  title: { size: 20, leading: 25, before: 0, after: 8, align: 'left' },
  subtitle: { size: 13, leading: 17, before: 0, after: 6, align: 'left' },
  byline: { size: 10.5, leading: 14, before: 2, after: 20, align: 'left' },
  heading: { size: 12.5, leading: 16, before: 12, after: 4, align: 'left' },
  paragraph: { size: 10.5, leading: 14.5, before: 0, after: 7, align: 'justify' },
  code: { size: 9, leading: 12, before: 0, after: 0, align: 'left' },
  rule: { size: 10.5, leading: 10, before: 6, after: 6, align: 'left' },
};

/** A unit pagination places whole. */
export interface Row {
  height: number;
  /** Notes called in the row: they go at the foot of its page. */
  notes: number[];
  /** The row ends with a word broken by a hyphen. */
  hyphenated?: boolean;
  /** Items relative to the row's top left corner. */
  items: Item[];
}

/** A block measured: its rows, its spacing, and how it holds to what follows. */
export interface MeasuredBlock {
  rows: Row[];
  before: number;
  after: number;
  /** Keep with the next block's first two rows (headings). */
  keepWithNext: boolean;
  /** An outline entry at the block's first row. */
  outline?: { title: string; level: number };
}

/** What measuring needs besides the block. */
export interface MeasureContext {
  measure: Measure;
  /** Width of the text block. */
  width: number;
  /** The article's language. */
  lang: string;
  /** Notes already called: the first call of each gets the back-link's destination. */
  called: Set<number>;
}

const measurers: Record<BlockKind, (block: Block, id: number, context: MeasureContext) => Row[]> = {
  title: measureText,
  subtitle: measureText,
  byline: measureText,
  heading: measureText,
  paragraph: measureText,
  code: measureText,
  rule: measureRule,
};

/** Measure one block (`id` is its index, for the structure tree). */
export function measureBlock(block: Block, id: number, context: MeasureContext): MeasuredBlock {
  const style = styles[block.kind];
  const heading = block.kind === 'heading' || block.kind === 'title';
  const measured: MeasuredBlock = {
    rows: measurers[block.kind](block, id, context),
    before: style.before,
    after: style.after,
    keepWithNext: heading,
  };
  if (heading) {
    measured.outline = {
      title: block.runs.map((run) => run.text).join(''),
      level: block.level ?? 1,
    };
  }
  return measured;
}

function ownerOf(block: Block, id: number): LineOwner {
  return {
    id,
    kind: block.kind,
    ...(block.level ? { level: block.level } : {}),
    ...(block.lang ? { lang: block.lang } : {}),
  };
}

/** A block of text: its lines, a list marker hung in the indent of the first. */
function measureText(block: Block, id: number, context: MeasureContext): Row[] {
  const style = styles[block.kind];
  const lineStyle: LineStyle = {
    size: style.size,
    leading: style.leading,
    align: style.align,
    lang: block.lang ?? context.lang,
  };
  const lines = breakLines(block.runs, context.width - block.indent, lineStyle, context.measure);
  markFirstCalls(lines, context.called);
  if (block.marker && lines[0]) {
    lines[0].pieces.unshift({
      text: block.marker,
      face: 'regular',
      size: style.size,
      x: -12,
      width: context.measure(block.marker, 'regular', style.size),
      rise: 0,
      space: true,
    });
  }
  const owner = ownerOf(block, id);
  return lines.map((line) => textRow(line, owner, block.indent));
}

function textRow(line: Line, owner: LineOwner, indent: number): Row {
  const row: Row = {
    height: line.height,
    notes: line.notes,
    items: [{ kind: 'text', line, owner, x: indent, y: line.ascent }],
  };
  if (line.hyphenated) row.hyphenated = true;
  return row;
}

/** The first call of each note is where the note links back to. */
function markFirstCalls(lines: Line[], called: Set<number>): void {
  for (const line of lines)
    for (const piece of line.pieces) {
      if (piece.call === undefined || called.has(piece.call)) continue;
      called.add(piece.call);
      piece.dest = `ref-${piece.call}`;
    }
}

/** A thematic break: a thin rule across the text block. */
function measureRule(block: Block, _id: number, context: MeasureContext): Row[] {
  const { leading } = styles.rule;
  return [
    {
      height: leading,
      notes: [],
      items: [
        {
          kind: 'rule',
          x: block.indent,
          to: context.width,
          y: leading / 2,
          thickness: 0.5,
          tone: 'quiet',
        },
      ],
    },
  ];
}
