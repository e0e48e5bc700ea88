import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFonts } from '../src/editions/pdf/fonts.js';
import { renderPdf } from '../src/editions/pdf/index.js';
import { a4, type Item, fontMeasure, paginate } from '../src/editions/pdf/layout.js';
import { breakPoints } from '../src/editions/pdf/hyphenate.js';
import { breakLines, type Line, type Piece, placedPiece } from '../src/editions/pdf/lines.js';
import { normalize, type Run } from '../src/editions/pdf/normalize.js';
import { toArticle } from '../src/model/article.js';
import { parse } from '../src/parse/parse.js';
import { fixtures, root, seedSource } from './helpers.js';
import { missingInOrder, words } from './seed-words.js';

const articles = path.join(fixtures, 'typography', 'articles');
const sources = [
  ...readdirSync(articles)
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(articles, name)),
  seedSource,
];
const measure = fontMeasure(loadFonts());

interface Spacing {
  file: string;
  lines: number;
  median: number;
  p95: number;
  max: number;
  hyphensInRow: number;
  hyphenAtFoot: number;
  pastBlock: number;
}

/** Where a line's ink ends: its last piece's right edge. */
function rightEdge(line: Line): number {
  const last = line.pieces[line.pieces.length - 1];
  return last ? last.x + last.width : 0;
}

/** The most lines in a row that end with a hyphen. */
function hyphensInRow(lines: Line[]): number {
  let most = 0;
  let run = 0;
  for (const line of lines) {
    run = line.hyphenated ? run + 1 : 0;
    most = Math.max(most, run);
  }
  return most;
}

describe('line breaking (total fit) within the measure', () => {
  it('should place a copy of every field of a piece, and only add its place', () => {
    // Required<Piece>: a field added to Piece must be added here, and then to placedPiece.
    const full: Required<Piece> = {
      text: 'Kazakhstan',
      face: 'italic',
      size: 10.5,
      x: 0,
      width: 51.2,
      rise: 3,
      space: true,
      scale: 1.01,
      kern: 0.4,
      strike: true,
      label: true,
      call: 4,
      link: 'https://example.org/',
      file: 'other.pdf',
      goTo: 'note-4',
      dest: 'call-4',
      lang: 'ru',
    };
    const { x: _x, ...piece } = full;
    const placed = placedPiece(piece, 12.5);
    expect(placed).toEqual({ ...full, x: 12.5 });
    expect(Object.keys(placed).sort()).toEqual(Object.keys(full).sort());
    // Fields a piece does not have stay absent (not set to undefined).
    expect(
      Object.keys(
        placedPiece({ text: 'a', face: 'regular', size: 10, width: 5, rise: 0 }, 1),
      ).sort(),
    ).toEqual(['face', 'rise', 'size', 'text', 'width', 'x']);
  });

  const style = { size: 10.5, leading: 14.5, align: 'justify' as const, lang: 'en' };
  const vocabulary = readFileSync(path.join(articles, 'typography-en.md'), 'utf8')
    .split(/\s+/)
    .filter((word) => /^[\p{L},.;:’]+$/u.test(word));

  it('should never set a line past its width, nor a third hyphenated line in a row', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 40, max: 440 }),
        fc.constantFrom<'justify' | 'left'>('justify', 'left'),
        (chosen, width, align) => {
          const runs: Run[] = [{ text: chosen.join(' '), face: 'regular' }];
          const lines = breakLines(runs, width, { ...style, align }, measure);
          for (const line of lines) expect(rightEdge(line)).toBeLessThanOrEqual(width + 1e-6);
          expect(hyphensInRow(lines)).toBeLessThanOrEqual(2);
          // A split word has no space after its first part (and a hyphen when hyphenated).
          const text = lines
            .map((line) =>
              line.pieces
                .map((piece, index) => {
                  const end = index === line.pieces.length - 1 && line.hyphenated === true;
                  return (end ? piece.text.slice(0, -1) : piece.text) + (piece.space ? ' ' : '');
                })
                .join(''),
            )
            .join('');
          expect(words(text)).toEqual(chosen);
        },
      ),
      { seed: 1201, numRuns: 60 },
    );
  });

  it('should break an unbreakable URL after its punctuation, and a long word between letters, inside the margin', () => {
    const url =
      'https://example.org/middle-corridor/joint-tariff/2023/consignment-note-specification.pdf';
    const runs: Run[] = [
      { text: 'See ', face: 'regular' },
      { text: url, face: 'regular', link: url },
      { text: ' and Donaudampfschifffahrtsgesellschaftskapitänsmütze.', face: 'italic' },
    ];
    for (const width of [60, 120, 200]) {
      const lines = breakLines(runs, width, style, measure);
      for (const line of lines) expect(rightEdge(line)).toBeLessThanOrEqual(width + 1e-6);
      const pieces = lines.flatMap((line) => line.pieces);
      expect(
        pieces
          .filter((piece) => piece.link)
          .map((piece) => piece.text)
          .join(''),
      ).toBe(url);
    }
  });

  it('should shrink a line rather than overfill it, and stretch no space beyond twice its width in body text', () => {
    const text = readFileSync(path.join(articles, 'typography-tr.md'), 'utf8')
      .split('\n\n')
      .filter((block) => /^\p{L}/u.test(block))
      .join(' ');
    const lines = breakLines(
      [{ text, face: 'regular' }],
      439.28,
      { ...style, lang: 'tr' },
      measure,
    );
    const space = measure(' ', 'regular', style.size);
    for (const line of lines.slice(0, -1)) {
      expect(rightEdge(line)).toBeCloseTo(439.28, 6);
      const gaps = line.pieces.slice(1).map((piece, index) => {
        const before = line.pieces[index];
        return piece.x - (before ? before.x + before.width : 0);
      });
      expect(Math.max(...gaps) / space).toBeLessThanOrEqual(2);
      for (const piece of line.pieces)
        expect(Math.abs((piece.scale ?? 1) - 1)).toBeLessThanOrEqual(0.02);
    }
  });
});

/** The right edge of every line of text an item holds, on the page. */
function rightEdges(item: Item): number[] {
  switch (item.kind) {
    case 'text':
    case 'note':
    case 'code':
      return [item.x + rightEdge(item.line)];
    case 'cell':
      return item.lines.map((placed) => item.x + placed.x + rightEdge(placed.line));
    default:
      return [];
  }
}

describe('hyphenation points (breakPoints)', () => {
  it('should hyphenate words of up to 63 letters, as TeX does, and leave longer ones to the line', () => {
    const word = 'internationalization';
    const points = breakPoints(word, 'en');
    expect(points.length).toBeGreaterThan(3);
    // 60 and 63 letters: three words' points, shifted.
    const three = `${word}${word}${word}`;
    expect(breakPoints(three, 'en').length).toBeGreaterThan(points.length);
    expect(breakPoints(`${three}ism`, 'en').length).toBeGreaterThan(points.length);
    // 64 letters and more: none (the patterns' time grows with the square of the length).
    expect(breakPoints(`${three}isms`, 'en')).toEqual([]);
    expect(breakPoints('x'.repeat(49_000), 'en')).toEqual([]);
  });
});

describe('layout of every PDF fixture (tables, notes, lists, code included)', () => {
  const everyFixture = [
    ...sources,
    ...readdirSync(path.join(fixtures, 'pdf'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => path.join(fixtures, 'pdf', name)),
  ];

  it.each(everyFixture.map((file) => [path.basename(file), file]))(
    'should set no glyph of %s past the text block',
    (_, source) => {
      const file = new VFile({ path: source, value: readFileSync(source, 'utf8') });
      const article = toArticle(parse(file), file);
      if (!article) throw new Error(`invalid front matter in ${source}`);
      const pages = paginate(normalize(article), measure);
      const right = a4.width - a4.right;
      const edges = pages.flatMap((page) => page.items.flatMap(rightEdges));
      expect(edges.length).toBeGreaterThan(0);
      expect(Math.max(...edges)).toBeLessThanOrEqual(right + 1e-6);
    },
  );
});

describe('typography of the fixture articles (measured from the PDFs with pdftotext)', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-typography-'));
  const pdfs: string[] = [];
  beforeAll(async () => {
    for (const source of sources) {
      const file = new VFile({ path: source, value: readFileSync(source, 'utf8') });
      const article = toArticle(parse(file), file);
      if (!article) throw new Error(`invalid front matter in ${source}`);
      const pdf = path.join(folder, `${path.basename(source, '.md')}.pdf`);
      writeFileSync(pdf, await renderPdf(article, {}));
      pdfs.push(pdf);
    }
  }, 240_000);

  it('should meet the spacing goals: median ≤ 1.10, p95 ≤ 1.5, max ≤ 2.0, no third hyphen in a row, no hyphen at a page foot, nothing past the text block', () => {
    const figures = JSON.parse(
      execFileSync(
        process.execPath,
        [path.join(root, 'scripts', 'spacing.mjs'), ...pdfs, '--json'],
        {
          encoding: 'utf8',
        },
      ),
    ) as Spacing[];
    expect(figures).toHaveLength(sources.length);
    for (const figure of figures) {
      const name = path.basename(figure.file);
      expect(figure.lines, name).toBeGreaterThan(20);
      expect(figure.median, name).toBeLessThanOrEqual(1.1);
      expect(figure.p95, name).toBeLessThanOrEqual(1.5);
      expect(figure.max, name).toBeLessThanOrEqual(2);
      expect(figure.hyphensInRow, name).toBeLessThanOrEqual(2);
      expect(figure.hyphenAtFoot, name).toBe(0);
      expect(figure.pastBlock, name).toBe(0);
    }
  });

  it('should give every word in reading order through pdftotext', () => {
    sources.forEach((source, index) => {
      const markdown = readFileSync(source, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
      const blocks = markdown.split(/\n\n+/);
      const plain = (block: string): string[] =>
        words(
          block
            .replace(/\[\^\d+\]:?/g, ' ')
            .replace(/^(#+|-|>)\s/gm, ' ')
            .replace(/\*\*|__|`/g, ''),
        );
      const body = blocks.filter((block) => !block.startsWith('[^')).flatMap(plain);
      const notes = blocks.filter((block) => block.startsWith('[^')).flatMap(plain);
      const text = execFileSync('pdftotext', [pdfs[index] as string, '-'], { encoding: 'utf8' })
        // pdftotext joins a word a line-end hyphen broke; so does this.
        .replace(/(\p{L})-\n(\p{L})/gu, '$1$2')
        // A URL broken after a slash or before other punctuation continues on the next line.
        .replace(/\/\n(?=\S)/g, '/')
        .replace(/(?<=\S)\n(?=[.\-?&=_]\S)/g, '')
        .replace(/\s+/g, ' ');
      expect(missingInOrder(text, body), path.basename(source)).toEqual([]);
      expect(missingInOrder(text, notes), path.basename(source)).toEqual([]);
    });
  });
});
