/**
 * Even page bottoms (LaTeX's `\flushbottom`): the room a page leaves below its
 * last body row, when a widow, an orphan, a kept heading or a note moved rows
 * to the next page, is shared among the spaces between its blocks, each
 * growing by at most `maxStretch` of itself, so that the last body row of
 * every full page ends on the same line. Lines of one block keep their
 * leading; the last page of an article stays as it falls.
 */

/** How much a space between blocks may grow, as a share of its natural size. */
export const maxStretch = 0.5;

/** A body row by its upper edge and height. */
export interface Span {
  top: number;
  height: number;
}

/**
 * How far each row moves down so that the last one ends at `floor` (or as
 * near as the spaces between blocks allow). Rows are in page order.
 */
export function flushShifts(rows: readonly Span[], floor: number): number[] {
  const last = rows[rows.length - 1];
  if (!last) return [];
  const slack = floor - (last.top + last.height);
  const gaps = rows.map((row, index) => {
    const previous = rows[index - 1];
    return previous ? Math.max(0, row.top - (previous.top + previous.height)) : 0;
  });
  const capacity = gaps.reduce((sum, gap) => sum + gap * maxStretch, 0);
  if (slack <= 0.01 || capacity <= 0) return rows.map(() => 0);
  const share = Math.min(1, slack / capacity);
  let shift = 0;
  return gaps.map((gap) => {
    shift += gap * maxStretch * share;
    return shift;
  });
}
