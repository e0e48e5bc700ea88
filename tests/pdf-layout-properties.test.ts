import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFonts, shapeRun } from '../src/editions/pdf/fonts.js';
import { renderPdf } from '../src/editions/pdf/index.js';
import { toArticle } from '../src/model/article.js';
import { parse } from '../src/parse/parse.js';
import { fixtures } from './helpers.js';
import { type PlacedLine, textLines } from './pdf-reader.js';

// The typographic properties of the PDF, read back from the positions of its text (pdf.js),
// through the public render entry only: they hold whatever the layout engine is.
// The fixture: 70 justified paragraphs over several pages, each opening with `ParaN` and
// closing with `FinisN.`, long words to hyphenate, and a note called from every second.

interface Page {
  number: number;
  body: PlacedLine[];
  notes: PlacedLine[];
}

const opens = /^Para\d+\b/;
const closes = /\bFinis\d+\.$/;
let pages: Page[];
/** How many paragraphs the fixture has. */
let paragraphs: number;
/** The right edge of the text block: where justified lines end. */
let right: number;

beforeAll(async () => {
  const value = readFileSync(path.join(fixtures, 'pdf', 'layout.md'), 'utf8');
  paragraphs = value.match(/^Para\d+ /gm)?.length ?? 0;
  const file = new VFile({ path: 'layout.md', value });
  const article = toArticle(parse(file), file);
  if (!article) throw new Error('tests/fixtures/pdf/layout.md: invalid front matter');
  const lines = await textLines(await renderPdf(article, {}));
  const first = lines[0]?.find((line) => opens.test(line.text));
  if (!first) throw new Error('no body text on page 1');
  pages = lines.map((page, index) => {
    // Body lines are set in the size of the first paragraph (the title block above it is not body);
    // notes are the smaller lines below the body, the folio (`n / N`) aside.
    const body = page
      .filter((line) => Math.abs(line.size - first.size) < 0.01 && (index > 0 || line.y <= first.y))
      .map((line) => {
        // A note number is a superscript just above the baseline: it belongs to the line.
        const superscripts = page.filter(
          (other) =>
            other.size < line.size - 2 && other.y > line.y && other.y - line.y < line.size * 0.6,
        );
        return {
          ...line,
          right: Math.max(line.right, ...superscripts.map((other) => other.right)),
        };
      });
    // Notes: the smaller lines that are neither a note number set as a superscript in a body
    // line, nor the running head (above the body) or the folio (`n / N`).
    const top = Math.max(...body.map((line) => line.y));
    const notes = page.filter(
      (line) =>
        line.size < first.size - 1 &&
        line.y < top &&
        !/^\d+ \/ \d+$/.test(line.text) &&
        !body.some((other) => line.y > other.y && line.y - other.y < other.size * 0.6),
    );
    return { number: index + 1, body, notes };
  });
  right = Math.max(...pages.flatMap((page) => page.body.map((line) => line.right)));
}, 60_000);

/** The lines of the paragraph that runs over from each page to the next: before and after the break. */
function brokenParagraphs(): Array<{ page: number; before: PlacedLine[]; after: PlacedLine[] }> {
  const broken = [];
  for (const [index, page] of pages.entries()) {
    const next = pages[index + 1];
    const last = page.body[page.body.length - 1];
    if (!next || !last || closes.test(last.text)) continue;
    const start = page.body.findLastIndex((line) => opens.test(line.text));
    const end = next.body.findIndex((line) => closes.test(line.text));
    broken.push({
      page: page.number,
      before: page.body.slice(start),
      after: next.body.slice(0, end + 1),
    });
  }
  return broken;
}

describe('PDF layout properties', () => {
  it('should have a fixture long enough to test page breaks (several pages, paragraphs broken across them)', () => {
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(brokenParagraphs().length).toBeGreaterThanOrEqual(3);
  });

  it('should justify every full line of a paragraph to the right edge of the text block', () => {
    const full = pages.flatMap((page) => page.body.filter((line) => !closes.test(line.text)));
    expect(full.length).toBeGreaterThan(100);
    for (const line of full) expect(Math.abs(line.right - right), line.text).toBeLessThan(0.05);
  });

  it('should not justify the last line of a paragraph (it ends short of the right edge)', () => {
    const lastLines = pages.flatMap((page) => page.body.filter((line) => closes.test(line.text)));
    expect(lastLines).toHaveLength(paragraphs);
    // Set at its natural width: the spaces of the last line are not stretched to the edge.
    // (A justified line ends at the edge to a hundredth of a point; a last line of natural width
    // may come close, but not that close.)
    // Total fit (as TeX) may shrink the spaces of a last line whose natural width is over the
    // measure: such a line ends at the edge, shrunk, never stretched.
    const fonts = loadFonts();
    const natural = (line: PlacedLine): number =>
      (shapeRun(fonts.regular, line.text).advanceWidth * line.size) / 1000;
    const left = Math.min(...lastLines.map((line) => line.x));
    for (const line of lastLines)
      if (natural(line) < right - left) expect(right - line.right, line.text).toBeGreaterThan(0.05);
    expect(lastLines.filter((line) => right - line.right > 0.05).length).toBeGreaterThan(
      paragraphs / 2,
    );
  });

  it('should leave no orphan: a paragraph broken by a page keeps at least two lines at the foot of the page', () => {
    for (const { page, before } of brokenParagraphs())
      expect(before.length, `page ${page}: ${before[0]?.text}`).toBeGreaterThanOrEqual(2);
  });

  it('should leave no widow: a paragraph broken by a page carries at least two lines to the next page', () => {
    for (const { page, after } of brokenParagraphs())
      expect(after.length, `page ${page + 1}: ${after[0]?.text}`).toBeGreaterThanOrEqual(2);
  });

  it('should set each note at the foot of the page that cites it, below the body text', () => {
    const notes = [
      ...readFileSync(path.join(fixtures, 'pdf', 'layout.md'), 'utf8').matchAll(/^\[\^(\d+)\]:/gm),
    ];
    expect(notes.length).toBeGreaterThanOrEqual(10);
    for (const [, number] of notes) {
      const citing = pages.find((page) =>
        page.body.some((line) => line.text.includes(`cited${number}.`)),
      );
      const holding = pages.find((page) =>
        page.notes.some((line) => new RegExp(`^${number} ?Source${number}\\b`).test(line.text)),
      );
      expect(citing, `note ${number} is cited`).toBeDefined();
      expect(holding?.number, `note ${number}`).toBe(citing?.number);
      const lowestBody = Math.min(...(citing?.body ?? []).map((line) => line.y));
      for (const line of holding?.notes ?? []) expect(line.y).toBeLessThan(lowestBody);
    }
  });

  it('should end the body of every full page on the same line, as far as the spaces between paragraphs may grow (even page bottoms, as \\flushbottom)', () => {
    // The fixture's paragraphs: 14.5 pt leading, 7 pt between paragraphs, which may grow by half.
    const leading = 14.5;
    const gap = 7;
    const steps = (page: Page): number[] =>
      page.body.slice(1).map((line, index) => (page.body[index]?.y ?? 0) - line.y);
    const between = (page: Page): number[] =>
      steps(page).filter((step) => Math.abs(step - leading) > 0.05);
    // From the lowest body baseline to the first note's baseline.
    const distance = (page: Page): number =>
      Math.min(...page.body.map((line) => line.y)) - Math.max(...page.notes.map((line) => line.y));
    const full = pages.slice(0, -1).filter((page) => page.notes.length > 0);
    expect(full.length).toBeGreaterThanOrEqual(5);
    const even = Math.min(...full.map(distance));
    let flush = 0;
    for (const page of full) {
      // Lines of a paragraph keep their leading; spaces between paragraphs grow, never shrink.
      for (const step of steps(page)) expect(step).toBeGreaterThanOrEqual(leading - 0.05);
      for (const step of between(page)) {
        expect(step, `page ${page.number}`).toBeGreaterThanOrEqual(leading + gap - 0.05);
        expect(step, `page ${page.number}`).toBeLessThanOrEqual(leading + gap * 1.5 + 0.05);
      }
      if (Math.abs(distance(page) - even) < 0.5) flush++;
      // A page that ends higher has let every space between its paragraphs grow all it may.
      else
        for (const step of between(page))
          expect(step, `page ${page.number}`).toBeCloseTo(leading + gap * 1.5, 1);
    }
    expect(flush, 'pages ending on the even line').toBeGreaterThanOrEqual(3);
    // The last page stays as it falls.
    const last = pages[pages.length - 1] as Page;
    for (const step of between(last)) expect(step).toBeCloseTo(leading + gap, 1);
  });

  it('should never end a page with a hyphenated word, unless carrying it over would orphan its paragraph or part it from its note', () => {
    const hyphenated = pages
      .flatMap((page) => page.body)
      .filter((line) => /\p{L}-$/u.test(line.text));
    // The fixture does hyphenate (so the property is not vacuous)…
    expect(hyphenated.length).toBeGreaterThan(50);
    // …but a page ends with a hyphen only where moving that line to the next page would leave
    // the paragraph's first line alone at the foot (an orphan is the worse fault), or would
    // move a note call away from its note, already set at this foot.
    let ends = 0;
    for (const { page, before } of brokenParagraphs()) {
      const last = before[before.length - 1];
      if (!/\p{L}-$/u.test(last?.text ?? '')) continue;
      ends++;
      if (!/\bcited\d+\./.test(last?.text ?? ''))
        expect(before.length, `page ${page}: ${last?.text}`).toBe(2);
    }
    expect(ends).toBeLessThan(brokenParagraphs().length);
  });
});
