import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../src/editions/pdf/fonts.js';
import { type Page, a4 } from '../../src/editions/pdf/items.js';
import { fontMeasure, paginate } from '../../src/editions/pdf/layout.js';
import type { Block, Manuscript, Run } from '../../src/editions/pdf/normalize.js';
import { noteStyle } from '../../src/editions/pdf/notes.js';

// Notes longer than the room left on their page: LaTeX splits such a note, the citing line
// staying with the note's first two lines, and the rest continuing at the foot of the next
// page; it never pushes the citing paragraph to the next page and leaves this one half empty.

const measure = fontMeasure(loadFonts());
const vocabulary = [
  'corridor',
  'freight',
  'ministry',
  'agreement',
  'the',
  'of',
  'and',
  'Caspian',
  'transit',
  'capacity',
  'statement',
  'in',
  'a',
  'route',
];

const text = (count: number, seed: number): string =>
  Array.from(
    { length: count },
    (_, index) => vocabulary[(seed * 7 + index * 3) % vocabulary.length],
  ).join(' ');

/** A paragraph of `words` words; `note` (when given) called at its end. */
const paragraph = (words: number, seed: number, note?: number): Block => ({
  kind: 'paragraph',
  indent: 0,
  runs: [
    { text: `${text(words, seed)}.`, face: 'regular' },
    ...(note === undefined ? [] : [{ text: String(note), face: 'regular' as const, note }]),
  ],
});

const documents = fc.array(
  fc.record({
    words: fc.integer({ min: 5, max: 160 }),
    // The length of the note the paragraph calls (0: none), up to about 25 lines.
    noteWords: fc.oneof(fc.constant(0), fc.integer({ min: 3, max: 320 })),
  }),
  { minLength: 4, maxLength: 30 },
);

function manuscriptOf(spec: Array<{ words: number; noteWords: number }>): Manuscript {
  const notes = new Map<number, Run[]>();
  const blocks = spec.map(({ words, noteWords }, index) => {
    if (noteWords === 0) return paragraph(words, index);
    const number = notes.size + 1;
    notes.set(number, [{ text: `${text(noteWords, index + 5)}.`, face: 'regular' }]);
    return paragraph(words, index, number);
  });
  return { lang: 'en', blocks, notes, noteTargets: new Map() };
}

/** For each note: the pages its lines are on (one entry per line), and the page its call is on. */
function notePlaces(pages: Page[]) {
  const lines = new Map<number, number[]>();
  const calls = new Map<number, number>();
  pages.forEach((page, index) => {
    for (const item of page.items) {
      if (item.kind === 'note')
        lines.set(item.owner.id, [...(lines.get(item.owner.id) ?? []), index]);
      if (item.kind === 'text')
        for (const piece of item.line.pieces)
          if (piece.call !== undefined && !calls.has(piece.call)) calls.set(piece.call, index);
    }
  });
  return { lines, calls };
}

/** Room left between a page's last body line and its notes (or the bottom margin). */
function unused(page: Page): number {
  const bottom = a4.height - a4.bottom;
  const body = page.items.filter((item) => item.kind === 'text');
  const notes = page.items.filter((item) => item.kind === 'note');
  const lastBody = Math.max(
    a4.top,
    ...body.map((item) => item.y + item.line.height - item.line.ascent),
  );
  const footTop = notes.length
    ? Math.min(...notes.map((item) => item.y - item.line.ascent)) - noteStyle.separator
    : bottom;
  return footTop - lastBody;
}

describe('PDF notes longer than the room left on their page', () => {
  it('should keep each call on the page of its note’s first two lines, and set every line of every note, in order', () => {
    fc.assert(
      fc.property(documents, (spec) => {
        const manuscript = manuscriptOf(spec);
        const pages = paginate(manuscript, measure);
        const { lines, calls } = notePlaces(pages);
        for (const [number, runs] of manuscript.notes) {
          const placed = lines.get(number) ?? [];
          expect(placed.length, `note ${number}`).toBeGreaterThan(0);
          expect(placed).toEqual([...placed].sort((a, b) => a - b));
          const call = calls.get(number);
          const onCallPage = placed.filter((page) => page === call).length;
          expect(
            onCallPage,
            `note ${number} (${runs[0]?.text.length} chars)`,
          ).toBeGreaterThanOrEqual(Math.min(2, placed.length));
        }
      }),
      { numRuns: 60, seed: 15 },
    );
  });

  it('should not leave a page half empty to keep a long note whole: it continues on the next page', () => {
    fc.assert(
      fc.property(documents, (spec) => {
        const pages = paginate(manuscriptOf(spec), measure);
        // Room for a few lines may stay (a paragraph's first two lines, a note's first two, the
        // separator); a page left with more than 150 pt under its text was emptied by a note.
        for (const page of pages.slice(0, -1)) expect(unused(page)).toBeLessThan(150);
      }),
      { numRuns: 60, seed: 15 },
    );
  });

  it('should continue a note too long for the room left at the foot of the next page', () => {
    // A page nearly full of text, then a paragraph that calls a 25-line note.
    const spec = [
      ...Array.from({ length: 5 }, () => ({ words: 90, noteWords: 0 })),
      { words: 30, noteWords: 320 },
      { words: 60, noteWords: 0 },
    ];
    const pages = paginate(manuscriptOf(spec), measure);
    const { lines, calls } = notePlaces(pages);
    const placed = lines.get(1) ?? [];
    expect(calls.get(1)).toBe(0);
    expect(placed.filter((page) => page === 0).length).toBeGreaterThanOrEqual(2);
    expect(placed.filter((page) => page === 1).length).toBeGreaterThan(0);
  });
});
