import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../src/editions/pdf/fonts.js';
import { fontMeasure, paginate } from '../src/editions/pdf/layout.js';
import { normalize } from '../src/editions/pdf/normalize.js';
import { toArticle } from '../src/model/article.js';
import { parse } from '../src/parse/parse.js';
import { a4 } from '../src/editions/pdf/items.js';

const fixtures = path.resolve(import.meta.dirname, 'fixtures', 'pdf');

function pagesOf(name: string) {
  const file = new VFile({
    path: name,
    value: readFileSync(path.join(fixtures, name), 'utf8'),
  });
  const article = toArticle(parse(file), file);
  if (!article) throw new Error(`${name}: invalid front matter`);
  return paginate(normalize(article), fontMeasure(loadFonts()));
}

describe('PDF layout engine (pages of typed items)', () => {
  it('should lay a thematic break out as a rule item across the text block, not as a line of text', () => {
    const [page] = pagesOf('thematic-break.md');
    const rules = page?.items.filter((item) => item.kind === 'rule') ?? [];
    // The break, and the notes' separator.
    expect(rules).toHaveLength(2);
    const [rule] = rules;
    expect(rule?.x).toBe(a4.left);
    expect(rule?.x2).toBeCloseTo(a4.width - a4.right, 6);
    expect(rule?.y2).toBe(rule?.y);
    const texts = page?.items.filter((item) => item.kind === 'text') ?? [];
    expect(texts.every((item) => item.line.pieces.length > 0)).toBe(true);
  });

  it('should set notes as note items after the body, the first line of each marked', () => {
    const [page] = pagesOf('thematic-break.md');
    const kinds = page?.items.map((item) => item.kind) ?? [];
    expect(kinds.indexOf('note')).toBeGreaterThan(kinds.lastIndexOf('text'));
    const notes = page?.items.filter((item) => item.kind === 'note') ?? [];
    expect(notes.map((item) => item.first)).toEqual([true]);
    expect(notes[0]?.line.pieces[0]?.dest).toBe('note-1');
  });

  it('should place every item inside the page, in reading order from the top', () => {
    const [page] = pagesOf('thematic-break.md');
    const ys = page?.items.filter((item) => item.kind === 'text').map((item) => item.y) ?? [];
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    for (const item of page?.items ?? []) {
      expect(item.y).toBeGreaterThan(a4.top);
      expect(item.y).toBeLessThanOrEqual(a4.height - a4.bottom);
    }
  });
});

describe('PDF tables across pages', () => {
  it('should repeat the header row at the top of each page the table continues on, as an artifact', () => {
    const pages = pagesOf('long-table.md');
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages.slice(1)) {
      const cells = page.items.filter((item) => item.kind === 'cell');
      if (cells.length === 0) continue;
      const first = cells[0];
      expect(first?.kind === 'cell' && first.header && first.repeated).toBe(true);
    }
    const headers = pages
      .flatMap((page) => page.items)
      .filter((item) => item.kind === 'cell' && item.header && !item.repeated);
    expect(headers).toHaveLength(3);
  });

  it('should never leave the header alone at the foot of a page', () => {
    for (const page of pagesOf('long-table.md')) {
      const cells = page.items.filter((item) => item.kind === 'cell');
      if (cells.length === 0) continue;
      expect(cells.some((item) => item.kind === 'cell' && !item.header)).toBe(true);
    }
  });

  it('should list the title and headings of depth 1 to 3 in the outline, not deeper ones', () => {
    const outline = pagesOf('every-construct-en.md').flatMap((page) => page.outline);
    expect(outline.map((entry) => [entry.level, entry.title])).toEqual([
      [1, 'Energy Corridors and the Middle Corridor Agreement of 2024 in Central Asia'],
      [2, 'Trade in figures'],
      [3, 'Statements'],
      [4, 'A code sample'],
    ]);
  });
});
