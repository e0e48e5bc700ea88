import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFonts } from '../src/editions/pdf/fonts.js';
import { renderPdf } from '../src/editions/pdf/index.js';
import { type CellItem, type Page, a4 } from '../src/editions/pdf/items.js';
import { fontMeasure, paginate } from '../src/editions/pdf/layout.js';
import { normalize } from '../src/editions/pdf/normalize.js';
import { toArticle } from '../src/model/article.js';
import { parse } from '../src/parse/parse.js';
import { planTable } from '../src/editions/pdf/table-plan.js';
import { structureRoles } from './pdf-reader.js';

// tests/fixtures/pdf/wide-tables.md: a table of 9 columns that fits only set smaller, and one
// of 15 that fits at no size (stacked column groups).
const source = readFileSync(
  path.join(import.meta.dirname, 'fixtures', 'pdf', 'wide-tables.md'),
  'utf8',
);
let pages: Page[];
let bytes: Uint8Array;

beforeAll(async () => {
  const file = new VFile({ path: 'wide-tables.md', value: source });
  const article = toArticle(parse(file), file);
  if (!article) throw new Error('wide-tables.md: invalid front matter');
  pages = paginate(normalize(article), fontMeasure(loadFonts()));
  bytes = await renderPdf(article);
});

function cells(): CellItem[] {
  return pages
    .flatMap((page) => page.items)
    .filter((item): item is CellItem => item.kind === 'cell' && item.repeated !== true);
}

/** The words each cell draws, one string per cell. */
function cellText(cell: CellItem): string {
  return cell.lines.flatMap(({ line }) => line.pieces.map((piece) => piece.text)).join(' ');
}

describe('PDF tables wider than the text block', () => {
  it('should keep every cell inside the text block', () => {
    const left = a4.left;
    const right = a4.width - a4.right;
    for (const cell of cells())
      for (const { line, x } of cell.lines)
        for (const piece of line.pieces) {
          expect(cell.x + x + piece.x, piece.text).toBeGreaterThanOrEqual(left - 0.01);
          expect(cell.x + x + piece.x + piece.width, piece.text).toBeLessThanOrEqual(right + 0.01);
        }
  });

  it('should never break a number: each is drawn whole, once per table it is in', () => {
    const numbers = source.match(/\b\d+\.\d\d\b/g) ?? [];
    expect(numbers.length).toBeGreaterThan(80);
    const drawn = cells().flatMap((cell) =>
      cell.lines.flatMap(({ line }) => line.pieces.map((piece) => piece.text.trim())),
    );
    for (const number of numbers) expect(drawn, number).toContain(number);
  });

  it('should set the table that fits only smaller at a smaller size, in one piece', () => {
    const first = cells().filter((cell) => cell.owner.id === cells()[0]?.owner.id);
    expect(first.map((cell) => cell.owner.part)).toEqual(first.map(() => undefined));
    const sizes = new Set(first.flatMap((cell) => cell.lines[0]?.line.pieces[0]?.size ?? []));
    expect([...sizes]).toHaveLength(1);
    expect([...sizes][0]).toBeLessThan(9);
    expect(first).toHaveLength(9 * 5);
  });

  it('should stack the table too wide at any size in column groups, each led by the row labels and its header', () => {
    const wide = cells().filter((cell) => cell.owner.part !== undefined);
    const parts = [...new Set(wide.map((cell) => cell.owner.part))];
    expect(parts.length).toBeGreaterThanOrEqual(2);
    const columns = new Set<string>();
    for (const part of parts) {
      const group = wide.filter((cell) => cell.owner.part === part);
      const labels = group.filter((cell) => cell.column === 0).map(cellText);
      expect(labels).toEqual(['Country', 'Kazakhstan', 'France', 'Türkiye', 'Uzbekistan']);
      expect(group.filter((cell) => cell.row === 0).every((cell) => cell.header)).toBe(true);
      for (const cell of group.filter((each) => each.row === 0 && each.column > 0))
        columns.add(cellText(cell));
    }
    // Every column but the labels, in exactly one group.
    expect(columns.size).toBe(14);
  });

  it('should tag each column group as a table of its own', async () => {
    const tables = (await structureRoles(bytes)).filter((role) => role.role === 'Table');
    expect(tables.length).toBeGreaterThanOrEqual(3);
  });
});

describe('planTable', () => {
  it('should keep the house size when the columns fit, go smaller before splitting, and split last', () => {
    expect(planTable([100, 100], 8, 300)).toEqual({ size: 9, groups: [[0, 1]] });
    // 2 × (100 × 8/9 + 8) = 193.8 fits 200; at 9 pt 216 does not.
    expect(planTable([100, 100], 8, 200)).toEqual({ size: 8, groups: [[0, 1]] });
    // At 7 pt each column takes 100 × 7/9 + 8 = 85.8: two per group of 180.
    expect(planTable([100, 100, 100, 100], 8, 180)).toEqual({
      size: 7,
      groups: [
        [0, 1],
        [0, 2],
        [0, 3],
      ],
    });
  });
});
