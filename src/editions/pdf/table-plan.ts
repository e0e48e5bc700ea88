/**
 * How a table fits the text block: at the house size when its columns'
 * narrowest widths fit; else set smaller (down to `smallest`); else, at the
 * smallest size, broken into stacked column groups, each repeating the first
 * column (the row labels), as a wide table is split in print. A column is
 * never narrower than its longest word or number, so no cell is cut.
 */

/** Table sizes to try, largest first (points); the house size first. */
export const tableSizes = [9, 8, 7] as const;

/** A table's plan: its size, and its column groups (indexes of the columns each shows). */
export interface TablePlan {
  size: number;
  groups: number[][];
}

/**
 * Plan a table whose columns need at least `min` points at `tableSizes[0]`
 * (text only; `pad` is each cell's padding, the same at every size) in `width`.
 */
export function planTable(min: readonly number[], pad: number, width: number): TablePlan {
  const all = min.map((_, column) => column);
  const at = (size: number) => (column: number) =>
    ((min[column] ?? 0) * size) / (tableSizes[0] as number) + pad;
  for (const size of tableSizes) {
    const need = all.reduce((sum, column) => sum + at(size)(column), 0);
    if (need <= width) return { size, groups: [all] };
  }
  const size = tableSizes[tableSizes.length - 1] as number;
  return { size, groups: columnGroups(all.map(at(size)), width) };
}

/**
 * Columns in groups that fit `width`, each group after the first led by
 * column 0; a column too wide to share a group has one to itself.
 */
function columnGroups(widths: readonly number[], width: number): number[][] {
  const stub = widths[0] ?? 0;
  const groups: number[][] = [];
  let group = [0];
  let used = stub;
  for (let column = 1; column < widths.length; column++) {
    const need = widths[column] ?? 0;
    if (group.length > 1 && used + need > width) {
      groups.push(group);
      group = [0];
      used = stub;
    }
    group.push(column);
    used += need;
  }
  groups.push(group);
  return groups;
}
