import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../src/editions/pdf/fonts.js';
import { a4 } from '../src/editions/pdf/items.js';
import { fontMeasure, paginate } from '../src/editions/pdf/layout.js';
import { normalize } from '../src/editions/pdf/normalize.js';
import { toArticle } from '../src/model/article.js';
import { parse } from '../src/parse/parse.js';

// tests/fixtures/pdf/wrapped.md: a paragraph wrapped at ~50 columns in the source, with one hard
// break, and a note whose long address leaves no comfortable breaking.
const name = path.join(import.meta.dirname, 'fixtures', 'pdf', 'wrapped.md');

function lines() {
  const file = new VFile({ path: name, value: readFileSync(name, 'utf8') });
  const article = toArticle(parse(file), file);
  if (!article) throw new Error('wrapped.md: invalid front matter');
  const [page] = paginate(normalize(article), fontMeasure(loadFonts()));
  const text = (pieces: Array<{ text: string }>) => pieces.map((piece) => piece.text).join(' ');
  const items = page?.items ?? [];
  const body = items.flatMap((item) =>
    item.kind === 'text' && item.owner.kind === 'paragraph'
      ? [{ text: text(item.line.pieces), right: rightOf(item.line.pieces) }]
      : [],
  );
  const notes = items.flatMap((item) =>
    item.kind === 'note'
      ? [{ text: text(item.line.pieces), right: rightOf(item.line.pieces) }]
      : [],
  );
  return { body, notes };
}

function rightOf(pieces: Array<{ x: number; width: number }>): number {
  const last = pieces[pieces.length - 1];
  return last ? last.x + last.width : 0;
}

const measure = a4.width - a4.left - a4.right;

describe('line endings in the source', () => {
  it('should set a soft-wrapped paragraph as one paragraph: lines end at the measure, not at the source lines', () => {
    const { body } = lines();
    // Six source lines before the hard break; they fill about three printed lines.
    expect(body.length).toBeLessThanOrEqual(5);
    const beforeBreak = body.slice(
      0,
      body.findIndex((line) => line.text.endsWith('early,')),
    );
    expect(beforeBreak.length).toBeGreaterThan(1);
    for (const line of beforeBreak) expect(line.right, line.text).toBeGreaterThan(measure * 0.97);
    // The hard break ends its line early.
    expect(body.some((line) => line.text.endsWith('early,'))).toBe(true);
    expect(body[body.length - 1]?.text).toMatch(/^like this one\./);
  });

  it('should not leave a note line of one word when a long address makes every breaking loose', () => {
    const { notes } = lines();
    expect(notes.length).toBe(2);
    expect(notes[0]?.right ?? 0).toBeGreaterThan((notes[1]?.right ?? 0) * 2);
  });
});
