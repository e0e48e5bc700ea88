import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Nodes, Root, RootContent, TableCell } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFonts } from '../src/editions/pdf/fonts.js';
import { renderPdf } from '../src/editions/pdf/index.js';
import { type Item, type Page, a4 } from '../src/editions/pdf/items.js';
import { fontMeasure, paginate } from '../src/editions/pdf/layout.js';
import { normalize } from '../src/editions/pdf/normalize.js';
import { figureImage } from '../src/editions/pdf/images.js';
import { figureReader } from '../src/run/figures.js';
import { type Article, toArticle } from '../src/model/article.js';
import { parse } from '../src/parse/parse.js';
import { markedTexts, structureOutline, structureRoles } from './pdf-reader.js';
import { missingInOrder, words } from './seed-words.js';

const fixtures = path.resolve(import.meta.dirname, 'fixtures', 'pdf');
const languages = ['en', 'tr', 'ru'] as const;

interface Fixture {
  tree: Root;
  article: Article;
  pages: Page[];
  bytes: Buffer;
  file: string;
}

async function load(lang: string): Promise<Fixture> {
  const name = `every-construct-${lang}.md`;
  const file = new VFile({ path: name, value: readFileSync(path.join(fixtures, name), 'utf8') });
  const tree = parse(file);
  const article = toArticle(tree, file);
  if (!article) throw new Error(`${name}: invalid front matter`);
  // Figures are read beside the fixture, as a build reads them (the run's figure reader).
  const read = figureReader(fixtures, name);
  const pages = paginate(
    normalize(article, (url) => {
      const found = read(url);
      return found && figureImage(url, found);
    }),
    fontMeasure(loadFonts()),
  );
  const bytes = await renderPdf(article, {}, read);
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'citeproof-pdf-')), `${lang}.pdf`);
  writeFileSync(out, bytes);
  return { tree, article, pages, bytes, file: out };
}

function poppler(tool: string, ...args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** What a reader reads of the body, block by block; table cells apart (see the test). */
function readingOrder(nodes: RootContent[]): { flow: string[]; cells: string[] } {
  const flow: string[] = [];
  const cells: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'tableCell') cells.push(toString(node as TableCell));
    else if (node.type === 'code') flow.push(node.value);
    else if (
      node.type === 'paragraph' &&
      node.children.length === 1 &&
      node.children[0]?.type === 'image'
    )
      // A figure: the PDF shows its caption (the title, else the alt text, which is also its /Alt).
      flow.push(node.children[0].title ?? node.children[0].alt ?? '');
    else if (node.type === 'paragraph' || node.type === 'heading') flow.push(phrasing(node));
    else if ('children' in node) for (const child of node.children) walk(child);
  };
  for (const node of nodes) walk(node);
  return { flow, cells };
}

/** The text of phrasing content as the PDF shows it: images by their alt text, comments not at all. */
function phrasing(node: Nodes): string {
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if (node.type === 'html') return node.value.startsWith('<!--') ? '' : node.value;
  if (node.type === 'break') return ' ';
  if ('value' in node) return node.value;
  if ('children' in node) return node.children.map(phrasing).join('');
  return '';
}

function dehyphenate(text: string): string {
  return text.replace(/-\n/g, '').replace(/\s+/g, ' ');
}

/** The absolute left and right edge of every piece of text an item draws. */
function pieceEdges(item: Item): Array<{ text: string; left: number; right: number }> {
  const lines =
    item.kind === 'cell'
      ? item.lines.map(({ line, x }) => ({ line, x: item.x + x }))
      : item.kind === 'rule' || item.kind === 'image'
        ? []
        : [{ line: item.line, x: item.x }];
  return lines.flatMap(({ line, x }) =>
    line.pieces.map((piece) => ({
      text: piece.text,
      left: x + piece.x,
      right: x + piece.x + piece.width,
    })),
  );
}

describe.each(languages)('PDF of every construct (%s)', (lang) => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await load(lang);
  });

  it('should have every word of the body in reading order, and of each table cell', () => {
    const text = dehyphenate(poppler('pdftotext', fixture.file, '-'));
    const { flow, cells } = readingOrder(fixture.article.body);
    expect(missingInOrder(text, flow.flatMap(words))).toEqual([]);
    for (const cell of cells) expect(missingInOrder(text, words(cell)), cell).toEqual([]);
    for (const note of fixture.article.notes)
      expect(missingInOrder(text, words(toString(note.definition)))).toEqual([]);
  });

  it('should embed its chart as a numbered figure (pdfimages lists it, its caption is in the text)', () => {
    const images = poppler('pdfimages', '-list', fixture.file)
      .split('\n')
      .slice(2)
      .filter((line) => /\bimage\b/.test(line));
    expect(images.length).toBeGreaterThanOrEqual(1);
    const caption = { en: 'Figure 1.', tr: 'Şekil 1.', ru: 'Рисунок 1.' }[lang];
    expect(poppler('pdftotext', fixture.file, '-')).toContain(caption);
  });

  it('should embed the monospace face for code', () => {
    expect(poppler('pdffonts', fixture.file)).toMatch(/\+NotoSansMono-Regular\s+CID TrueType/);
    const code = fixture.pages.flatMap((page) => page.items).filter((item) => item.kind === 'code');
    expect(code.length).toBeGreaterThan(0);
    for (const item of code)
      expect(item.line.pieces.every((piece) => piece.face === 'mono')).toBe(true);
  });

  it('should set no glyph past the text block', () => {
    const left = a4.left;
    const right = a4.width - a4.right;
    for (const item of fixture.pages.flatMap((page) => page.items))
      for (const edge of pieceEdges(item)) {
        expect(edge.left, edge.text).toBeGreaterThanOrEqual(left - 0.01);
        expect(edge.right, edge.text).toBeLessThanOrEqual(right + 0.01);
      }
  });

  it('should draw struck text with its strike, and keep its words', () => {
    const struck = fixture.pages
      .flatMap((page) => page.items)
      .flatMap((item) => (item.kind === 'text' ? item.line.pieces : []))
      .filter((piece) => piece.strike === true);
    const expected = { en: 'announced', tr: 'açıkladı', ru: 'объявили' }[lang];
    expect(struck.map((piece) => piece.text)).toEqual([expected]);
  });

  it('should set the table as a grid: a cell item per cell, aligned as the alignment row says', () => {
    const cells = fixture.pages
      .flatMap((page) => page.items)
      .filter((item) => item.kind === 'cell' && !item.repeated);
    expect(cells).toHaveLength(16);
    const cell = (row: number, column: number) =>
      cells.find((item) => item.kind === 'cell' && item.row === row && item.column === column);
    // Column 2 is right-aligned: its numbers end at one edge.
    const ends = [1, 2, 3].map((row) => {
      const found = cell(row, 1);
      if (found?.kind !== 'cell') throw new Error('no cell');
      return pieceEdges(found).at(-1)?.right ?? 0;
    });
    expect(Math.max(...ends) - Math.min(...ends)).toBeLessThan(0.01);
    const columns = [0, 1, 2, 3].map((column) => cell(0, column)?.x ?? 0);
    expect(columns).toEqual([...columns].sort((a, b) => a - b));
  });

  it('should separate adjacent note calls with a comma', () => {
    const calls = fixture.pages
      .flatMap((page) => page.items)
      .flatMap((item) => (item.kind === 'text' ? item.line.pieces : []))
      .filter((piece) => piece.call !== undefined)
      .map((piece) => piece.text);
    expect(calls.slice(0, 2)).toEqual(['1', ',2']);
  });

  it('should keep note calls apart in the text layer: from the figure before them, and from each other', () => {
    const text = poppler('pdftotext', fixture.file, '-').replace(/\s+/g, ' ');
    const figure = lang === 'en' ? '33.6' : '33,6';
    // `33.6`, then call 3: never `33.63`, a number that is not in the article.
    expect(text).toContain(`${figure} 3 `);
    expect(text).not.toContain(`${figure}3`);
    // Calls 1 and 2 side by side, a raised comma between them (¹˒²).
    expect(text).toMatch(/(^|[\s.])1,2\s/);
  });

  it('should tag lists as L, LI, Lbl and LBody at every depth, and block quotes as BlockQuote', () => {
    const outline = structureOutline(fixture.file).join('\n');
    // The fixture: a quote of two paragraphs, then 1., 2. (with a nested bullet, itself with one), 3.
    const item = (indent: string, inner = ''): string =>
      `${indent}LI\n${indent}  Lbl\n${indent}  LBody\n${indent}    P${inner}`;
    expect(outline).toContain('  BlockQuote\n    P\n    P\n  L\n');
    expect(outline).toContain(
      [
        '  L',
        item('    '),
        item(
          '    ',
          `\n        L\n${item('          ', `\n              L\n${item('                ')}`)}`,
        ),
        item('    '),
      ].join('\n'),
    );
  });

  it('should tag struck text as a Span with the LineThrough text decoration', async () => {
    const outline = structureOutline(fixture.file);
    expect(outline).toContain('    Span {"/O":"/Layout","/TextDecorationType":"/LineThrough"}');
    const expected = { en: 'announced', tr: 'açıkladı', ru: 'объявили' }[lang];
    expect(await markedTexts(fixture.bytes, 'Span')).toEqual([expected]);
  });

  it('should tag tables, code and notes in the structure tree', async () => {
    const roles = new Set((await structureRoles(fixture.bytes)).map((role) => role.role));
    for (const role of ['Table', 'TR', 'TH', 'TD', 'Code', 'H2', 'H3', 'Note'])
      expect(roles, role).toContain(role);
  });

  it('should give headings sizes by level, and put levels 1 to 3 in the outline', () => {
    const sizes = new Map<number, number>();
    for (const item of fixture.pages.flatMap((page) => page.items))
      if (item.kind === 'text' && item.owner.kind === 'heading')
        sizes.set(item.owner.level ?? 0, item.line.pieces[0]?.size ?? 0);
    expect(sizes.get(2)).toBeGreaterThan(sizes.get(3) ?? Infinity);
    expect(sizes.get(3)).toBeGreaterThan(sizes.get(4) ?? Infinity);
    expect(sizes.get(4)).toBeGreaterThan(sizes.get(5) ?? Infinity);
  });
});

describe('PDF edition and the mdast node types', () => {
  const gfmTypes = [
    'blockquote',
    'break',
    'code',
    'definition',
    'delete',
    'emphasis',
    'footnoteDefinition',
    'footnoteReference',
    'heading',
    'html',
    'image',
    'imageReference',
    'inlineCode',
    'link',
    'linkReference',
    'list',
    'listItem',
    'paragraph',
    'root',
    'strong',
    'table',
    'tableCell',
    'tableRow',
    'text',
    'thematicBreak',
    'yaml',
  ];

  it('should render a fixture that has every node type remark-gfm produces', async () => {
    const { tree, bytes } = await load('en');
    const seen = new Set<string>();
    visit(tree, (node) => {
      seen.add(node.type);
    });
    expect([...seen].sort()).toEqual(gfmTypes);
    expect(bytes.length).toBeGreaterThan(0);
  });

  it('should refuse a node it has no rendering for, naming it, instead of dropping it', async () => {
    const { article } = await load('en');
    const mystery = { type: 'mystery', position: { start: { line: 7 } } } as unknown as RootContent;
    expect(() => normalize({ ...article, body: [...article.body, mystery] })).toThrow(
      'The PDF edition cannot show a `mystery` node (line 7)',
    );
  });
});
