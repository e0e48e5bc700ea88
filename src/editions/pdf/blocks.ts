/**
 * The measure stage: each block becomes rows, the units pagination stacks.
 * A row has a height, the notes it calls and its items, placed relative to
 * the row's top at the text block's left edge. One measure function per
 * block kind.
 */
import { naturalSize } from './images.js';
import type { CellItem, Item, LineOwner } from './items.js';
import { type Line, type LineStyle, type Measure, breakLines } from './lines.js';
import type { Block, BlockKind, Run } from './normalize.js';
import { planTable } from './table-plan.js';

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
  code: { size: 8.5, leading: 11.5, before: 2, after: 9, align: 'left' },
  rule: { size: 10.5, leading: 10, before: 6, after: 6, align: 'left' },
  table: { size: 9, leading: 11.5, before: 4, after: 11, align: 'left' },
  // A figure's caption; `before` and `after` are the space around the figure.
  figure: { size: 9, leading: 11.5, before: 8, after: 12, align: 'left' },
};

/** Headings by level (2 is a `#` heading: the title is level 1). */
const headingStyles: Record<number, BlockStyle> = {
  2: { size: 15, leading: 19, before: 16, after: 6, align: 'left' },
  3: { size: 12.5, leading: 16, before: 12, after: 4, align: 'left' },
  4: { size: 11, leading: 14.5, before: 10, after: 3, align: 'left' },
};
const minorHeading: BlockStyle = { size: 10.5, leading: 14.5, before: 8, after: 2, align: 'left' };

/** The style of a block: its kind's, a heading's by its level. */
export function styleOf(block: Block): BlockStyle {
  if (block.kind !== 'heading') return styles[block.kind];
  return headingStyles[block.level ?? 3] ?? minorHeading;
}

/** Display text (titles, headings) is never hyphenated. */
const display = new Set<BlockKind>(['title', 'subtitle', 'heading']);

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
  /** A row to repeat at the top of each page the block continues on (a table's header). */
  header?: Row;
}

/** What measuring needs besides the block. */
export interface MeasureContext {
  measure: Measure;
  /** Width of the text block. */
  width: number;
  /** Height of the text block. */
  height: number;
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
  code: measureCode,
  rule: measureRule,
  table: measureTable,
  figure: measureFigure,
};

/** Measure one block (`id` is its index, for the structure tree). */
export function measureBlock(block: Block, id: number, context: MeasureContext): MeasuredBlock {
  const style = styleOf(block);
  const heading = block.kind === 'heading' || block.kind === 'title';
  const rows = measurers[block.kind](block, id, context);
  const measured: MeasuredBlock = {
    rows: block.quotes ? rows.map((row) => withQuoteBars(row, block.quotes ?? [])) : rows,
    before: style.before,
    after: style.after,
    keepWithNext: heading,
  };
  if (block.kind === 'table' && rows[0] && rows.length > 1)
    measured.header = repeatedHeader(rows[0]);
  // The outline lists the title and headings of depth 1 to 3 (levels 2 to 4), as LaTeX's tocdepth does.
  if (heading && (block.level ?? 1) <= 4) {
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
    ...(block.part ? { part: block.part } : {}),
    ...(block.containers ? { containers: block.containers } : {}),
  };
}

/**
 * A block measured as one block or more: a table too wide for the text block
 * even at its smallest size becomes stacked column groups, each a table of its
 * own with its header (see table-plan.ts).
 */
export function measureBlocks(block: Block, id: number, context: MeasureContext): MeasuredBlock[] {
  const content = block.table;
  if (block.kind !== 'table' || !content) return [measureBlock(block, id, context)];
  const style = styles.table;
  const lineStyle: LineStyle = {
    size: style.size,
    leading: style.leading,
    align: 'left',
    lang: block.lang ?? context.lang,
  };
  const min = columnMinimums(content.rows, lineStyle, context);
  const plan = planTable(min, 2 * cellPadding.x, context.width - block.indent);
  if (plan.groups.length === 1)
    return [measureBlock({ ...block, tableSize: plan.size }, id, context)];
  return plan.groups.map((columns, index) =>
    measureBlock(
      {
        ...block,
        tableSize: plan.size,
        part: index + 1,
        table: {
          rows: content.rows.map((row) => columns.map((column) => row[column] ?? [])),
          align: columns.map((column) => content.align[column] ?? null),
        },
      },
      id,
      context,
    ),
  );
}

/**
 * The narrowest each column's text can be set (at `style.size`, padding
 * aside): its widest unbreakable piece, a number counting as one piece (it
 * never breaks at its decimal point).
 */
function columnMinimums(rows: Run[][][], style: LineStyle, context: MeasureContext): number[] {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const min = Array.from({ length: columns }, () => 0);
  for (const row of rows)
    row.forEach((runs, column) => {
      min[column] = Math.max(min[column] ?? 0, cellMinimum(runs, style, context));
    });
  return min;
}

/** A figure as tables print them: `1,204.5`, `+16.5%`, `(3.2)`, `$1.5`, `2024,` (not a URL or a date range). */
const numeric = /^[-+−(]?[$€£¥₽₺]?\d[\d.,\u00a0\u202f]*%?\)?[.,;:]?$/u;

function cellMinimum(runs: Run[], style: LineStyle, context: MeasureContext): number {
  const pieces = breakLines(runs, 0, style, context.measure);
  let widest = Math.max(0, ...pieces.map(lineWidth));
  for (const run of runs)
    for (const token of run.text.split(/\s+/u))
      if (numeric.test(token))
        widest = Math.max(widest, context.measure(token, run.face, style.size));
  return widest;
}

/** A block of text: its lines, a list marker hung in the indent of the first. */
function measureText(block: Block, id: number, context: MeasureContext): Row[] {
  const style = styleOf(block);
  const lineStyle: LineStyle = {
    size: style.size,
    leading: style.leading,
    align: style.align,
    lang: block.lang ?? context.lang,
  };
  if (display.has(block.kind)) lineStyle.hyphenate = false;
  const lines = breakLines(block.runs, context.width - block.indent, lineStyle, context.measure);
  markFirstCalls(lines, context.called);
  if (block.marker && lines[0]) {
    // The marker hangs in the indent, a number set flush right against the text.
    const width = context.measure(block.marker, 'regular', style.size);
    lines[0].pieces.unshift({
      text: block.marker,
      face: 'regular',
      size: style.size,
      x: /\d/.test(block.marker) ? -width - 4 : -12,
      width,
      rise: 0,
      space: true,
      label: true,
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
          y: leading / 2,
          x2: context.width,
          y2: leading / 2,
          thickness: 0.5,
          tone: 'quiet',
        },
      ],
    },
  ];
}

/** A row inside block quotes: a bar at the left of each quote, the row's height. */
function withQuoteBars(row: Row, quotes: number[]): Row {
  const bars: Item[] = quotes.map((x) => ({
    kind: 'rule',
    x,
    y: 0,
    x2: x,
    y2: row.height,
    thickness: 1.2,
    tone: 'quiet',
  }));
  return { ...row, items: [...bars, ...row.items] };
}

/** The mark set in the margin of a code line that goes on from the line above. */
export const continuationMark = '→';

/**
 * A code block in the monospace face: every line as written (tabs to four
 * spaces, indentation and blank lines kept); a line too long for the text
 * block wraps, after a space where it can, its rest marked as a continuation.
 */
function measureCode(block: Block, id: number, context: MeasureContext): Row[] {
  const { size, leading } = styles.code;
  const text = block.runs.map((run) => run.text).join('');
  const advance = context.measure('0', 'mono', size);
  const columns = Math.max(8, Math.floor((context.width - block.indent) / advance));
  const owner = ownerOf(block, id);
  return text.split('\n').flatMap((source) => {
    const expanded = source.replace(/\t/g, '    ');
    // A wrapped line's rest starts under the line's own indentation.
    const hangColumns = Math.floor(
      Math.min(expanded.length - expanded.trimStart().length, columns / 2),
    );
    const hang = hangColumns * advance;
    return wrapCode(expanded, columns, columns - hangColumns).map((part, index): Row => {
      const line: Line = {
        pieces: [
          {
            text: part === '' ? ' ' : part,
            face: 'mono',
            size,
            x: 0,
            width: context.measure(part, 'mono', size),
            rise: 0,
          },
        ],
        height: leading,
        ascent: size * 0.95,
        notes: [],
      };
      const x = block.indent + (index > 0 ? hang : 0);
      return {
        height: leading,
        notes: [],
        items: [{ kind: 'code', line, owner, continued: index > 0, x, y: line.ascent }],
      };
    });
  });
}

/**
 * Cut a code line into parts of at most `columns` characters (`restColumns`
 * after the first), after the last space where there is one.
 */
function wrapCode(line: string, first: number, restColumns: number): string[] {
  const parts: string[] = [];
  let rest = [...line];
  let columns = first;
  while (rest.length > columns) {
    const head = rest.slice(0, columns);
    const space = head.lastIndexOf(' ');
    const cut = space > columns / 2 ? space + 1 : columns;
    columns = restColumns;
    parts.push(rest.slice(0, cut).join(''));
    rest = rest.slice(cut);
  }
  parts.push(rest.join(''));
  return parts;
}

/** Space between a figure's image and its caption. */
const captionGap = 6;

/** The largest share of the text block's height an image takes, leaving room for its caption and a note or two. */
const maxFigureHeight = 0.7;

/**
 * A figure: its image centred, scaled down to the text block (never up past
 * its resolution: its pixels at its own density, else 150 dpi), its numbered
 * caption centred below, line by line. One row, so that pagination keeps the
 * image and its caption on one page.
 */
function measureFigure(block: Block, id: number, context: MeasureContext): Row[] {
  const style = styles.figure;
  const figure = block.figure;
  if (!figure) return [];
  const width = context.width - block.indent;
  const natural = naturalSize(figure.image);
  const scale = Math.min(
    1,
    width / natural.width,
    (context.height * maxFigureHeight) / natural.height,
  );
  const image = { width: natural.width * scale, height: natural.height * scale };
  const lineStyle: LineStyle = {
    size: style.size,
    leading: style.leading,
    align: 'left',
    lang: block.lang ?? context.lang,
    hyphenate: false,
  };
  const lines = breakLines(block.runs, width, lineStyle, context.measure);
  const owner = ownerOf(block, id);
  const caption: Item[] = lines.map((line, index) => ({
    kind: 'text',
    line,
    owner: { ...owner, kind: 'caption' },
    x: block.indent + (width - lineWidth(line)) / 2,
    y: image.height + captionGap + index * style.leading + line.ascent,
  }));
  return [
    {
      height: image.height + captionGap + lines.length * style.leading,
      notes: [],
      items: [
        {
          kind: 'image',
          owner,
          image: figure.image,
          alt: figure.alt,
          x: block.indent + (width - image.width) / 2,
          y: 0,
          ...image,
        },
        ...caption,
      ],
    },
  ];
}

/** A header row as repeated on a continuation page: its cells are artifacts there. */
function repeatedHeader(row: Row): Row {
  return {
    ...row,
    notes: [],
    items: row.items.map((item) => (item.kind === 'cell' ? { ...item, repeated: true } : item)),
  };
}

/** Space inside a cell, around its text. */
const cellPadding = { x: 4, y: 3 };

/**
 * A table as a grid: column widths from the cells' content (each column its
 * widest line when they all fit, else its longest word plus a share of the
 * rest in proportion to what it would take more, as browsers and tabularx do),
 * cell text wrapped in its column and aligned as the GFM alignment row says,
 * thin rules above and below the header and below the last row. The first row
 * is the header: `MeasuredBlock.header` repeats it on each page the table continues on.
 */
function measureTable(block: Block, id: number, context: MeasureContext): Row[] {
  const content = block.table ?? { rows: [], align: [] };
  const house = styles.table;
  const size = block.tableSize ?? house.size;
  const style = { ...house, size, leading: (house.leading * size) / house.size };
  const lineStyle: LineStyle = {
    size: style.size,
    leading: style.leading,
    align: 'left',
    lang: block.lang ?? context.lang,
  };
  const widths = columnWidths(content.rows, context.width - block.indent, lineStyle, context);
  const owner = ownerOf(block, id);
  const last = content.rows.length - 1;
  return content.rows.map((cells, rowIndex) => {
    const header = rowIndex === 0;
    let x = block.indent;
    const items: CellItem[] = cells.map((runs, column) => {
      const width = widths[column] ?? 0;
      const cell = { owner, row: rowIndex, column, header, x, width };
      x += width;
      return measureCell(runs, cell, content.align[column] ?? null, lineStyle, context);
    });
    const height =
      Math.max(1, ...items.map((item) => item.lines.length)) * style.leading + 2 * cellPadding.y;
    const right = block.indent + widths.reduce((sum, width) => sum + width, 0);
    const rules: Item[] = [];
    const rule = (y: number, thickness: number): Item => ({
      kind: 'rule',
      x: block.indent,
      y,
      x2: right,
      y2: y,
      thickness,
      tone: 'ink',
    });
    if (header) rules.push(rule(0, 0.8));
    if (header || rowIndex === last) rules.push(rule(height, header ? 0.5 : 0.8));
    return {
      height,
      notes: items.flatMap((item) => item.lines.flatMap(({ line }) => line.notes)),
      items: [...rules, ...items],
    };
  });
}

/** One cell of a table row: its text broken in the column's width, inside the padding, aligned. */
function measureCell(
  runs: Run[],
  cell: Pick<CellItem, 'owner' | 'row' | 'column' | 'header' | 'x'> & { width: number },
  align: 'left' | 'right' | 'center' | null,
  lineStyle: LineStyle,
  context: MeasureContext,
): CellItem {
  const inner = cell.width - 2 * cellPadding.x;
  const lines = breakLines(runs, inner, lineStyle, context.measure);
  markFirstCalls(lines, context.called);
  return {
    kind: 'cell',
    owner: cell.owner,
    row: cell.row,
    column: cell.column,
    header: cell.header,
    lines: lines.map((line, index) => ({
      line,
      x: cellPadding.x + alignShift(line, inner, align),
      y: cellPadding.y + index * lineStyle.leading + line.ascent,
    })),
    x: cell.x,
    y: 0,
  };
}

function lineWidth(line: Line): number {
  const last = line.pieces[line.pieces.length - 1];
  return last ? last.x + last.width : 0;
}

function alignShift(line: Line, width: number, align: 'left' | 'right' | 'center' | null): number {
  const room = Math.max(0, width - lineWidth(line));
  return align === 'right' ? room : align === 'center' ? room / 2 : 0;
}

/** Each column's width: its content's natural width when all fit, else distributed from the minimum. */
function columnWidths(
  rows: Run[][][],
  width: number,
  style: LineStyle,
  context: MeasureContext,
): number[] {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const pad = 2 * cellPadding.x;
  const min = Array.from({ length: columns }, () => pad);
  const max = Array.from({ length: columns }, () => pad);
  for (const row of rows)
    row.forEach((runs, column) => {
      const widest = (lines: Line[]): number => Math.max(0, ...lines.map(lineWidth));
      const natural = widest(breakLines(runs, Number.POSITIVE_INFINITY, style, context.measure));
      const words = cellMinimum(runs, style, context);
      max[column] = Math.max(max[column] ?? 0, natural + pad);
      min[column] = Math.max(min[column] ?? 0, words + pad);
    });
  const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
  if (sum(max) <= width) return max;
  const minTotal = sum(min);
  if (minTotal >= width) return min.map((value) => (value * width) / minTotal);
  const share = (width - minTotal) / (sum(max) - minTotal);
  return min.map((value, column) => value + ((max[column] ?? value) - value) * share);
}
