import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { figureImage } from '../src/editions/pdf/images.js';
import { type ImageItem, type Page, a4 } from '../src/editions/pdf/items.js';
import { fontMeasure, paginate } from '../src/editions/pdf/layout.js';
import { loadFonts } from '../src/editions/pdf/fonts.js';
import { normalize } from '../src/editions/pdf/normalize.js';
import { toArticle } from '../src/model/article.js';
import { parse } from '../src/parse/parse.js';
import { runArticles } from '../src/run/run.js';
import { figureReader } from '../src/run/figures.js';
import { fixtureToday, fixtures, scratchCopy } from './helpers.js';
import { structureRoles } from './pdf-reader.js';

const folder = path.join(fixtures, 'pdf-figures');
const article = 'source/figures.md';
const textWidth = a4.width - a4.left - a4.right;

function poppler(tool: string, ...args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** `pdfimages -list`: one row per image, by its columns' names. */
function imagesOf(pdf: string): Array<Record<string, string>> {
  const [header = '', , ...rows] = poppler('pdfimages', '-list', pdf).trim().split('\n');
  const names = header.trim().split(/\s+/);
  return rows.map((row) =>
    Object.fromEntries(
      row
        .trim()
        .split(/\s+/)
        .map((value, index) => [names[index], value]),
    ),
  );
}

/** A scratch project with the fixture as `source/`, built once. */
async function built(): Promise<{ cwd: string; pdf: string; ruleIds: string[] }> {
  const cwd = await scratchCopy(folder, 'source');
  const [file] = await runArticles([article], {
    cwd,
    out: 'output',
    jobs: 1,
    check: { today: fixtureToday },
  });
  return {
    cwd,
    pdf: path.join(cwd, 'output', 'figures.pdf'),
    ruleIds: (file?.messages ?? []).map((message) => message.ruleId ?? ''),
  };
}

function pagesOf(filePath: string): Page[] {
  const file = new VFile({ path: filePath, value: readFileSync(filePath, 'utf8') });
  const parsed = toArticle(parse(file), file);
  if (!parsed) throw new Error('invalid front matter');
  const read = figureReader(path.dirname(filePath), path.basename(filePath));
  const pages = paginate(
    normalize(parsed, (url) => {
      const bytes = read(url);
      return bytes && figureImage(url, bytes);
    }),
    fontMeasure(loadFonts()),
  );
  return pages;
}

describe('figures in the PDF', () => {
  let pdf: string;
  let pages: Page[];
  beforeAll(async () => {
    const build = await built();
    expect(build.ruleIds).toEqual([]);
    pdf = build.pdf;
    pages = pagesOf(path.join(folder, 'figures.md'));
  });

  it('should embed each figure, the PNG and the JPEG, as pdfimages lists them', () => {
    const images = imagesOf(pdf);
    expect(images.map((image) => [image['width'], image['height'], image['enc']])).toEqual([
      ['900', '480', 'image'],
      ['1500', '750', 'jpeg'],
      ['900', '480', 'image'],
    ]);
    // The PNG states 300 dpi and is set at it (never upscaled); the JPEG is wider than the text block at its 200 dpi, so it is scaled down to it.
    expect(images[0]?.['x-ppi']).toBe('300');
    expect(Number(images[1]?.['x-ppi'])).toBeCloseTo((1500 * 72) / textWidth, -0.5);
  });

  it('should scale a figure to the text width, and never past its resolution', () => {
    const images = pages
      .flatMap((page) => page.items)
      .filter((item): item is ImageItem => item.kind === 'image');
    expect(images.map((image) => Math.round(image.width * 100) / 100)).toEqual([
      216,
      Math.round(textWidth * 100) / 100,
      216,
    ]);
    for (const image of images) {
      expect(image.x).toBeGreaterThanOrEqual(a4.left - 0.01);
      expect(image.x + image.width).toBeLessThanOrEqual(a4.width - a4.right + 0.01);
      expect(image.height / image.width).toBeCloseTo(image.image.height / image.image.width, 5);
    }
  });

  it('should number the captions, the title else the alt text, each on the page of its image', () => {
    const text = poppler('pdftotext', pdf, '-').replace(/\s+/g, ' ');
    expect(text).toContain('Figure 1. Exports by country, 2024');
    expect(text).toContain('Figure 2. Container volumes by quarter, rising from 30 to 90 thousand');
    expect(text).toContain('Figure 3. Exports again');
    // An image among words keeps its alt text in the line, its figure after the paragraph.
    expect(text).toContain('the export chart Exports again among its words');
    for (const page of pages)
      for (const image of page.items.filter((item) => item.kind === 'image'))
        expect(
          page.items.some(
            (item) =>
              item.kind === 'text' &&
              item.owner.kind === 'caption' &&
              item.owner.id === image.owner.id &&
              item.y > image.y,
          ),
        ).toBe(true);
  });

  it('should tag each image Figure with its alt text, and its caption Caption', async () => {
    const roles = await structureRoles(readFileSync(pdf));
    expect(roles.filter((role) => role.role === 'Figure').map((role) => role.alt)).toEqual([
      'Bar chart of exports by country: Kazakhstan highest, France lowest',
      'Container volumes by quarter, rising from 30 to 90 thousand',
      'Exports again',
    ]);
    expect(roles.filter((role) => role.role === 'Caption')).toHaveLength(3);
  });

  it('should be reproducible: a second build is the same bytes', async () => {
    const again = await built();
    expect(readFileSync(again.pdf).equals(readFileSync(pdf))).toBe(true);
  });

  it('should pass qpdf --check', () => {
    expect(spawnSync('qpdf', ['--check', pdf]).status).toBe(0);
  });

  it('should not publish an article whose figure went missing', async () => {
    const cwd = await scratchCopy(folder, 'source');
    rmSync(path.join(cwd, 'source', 'charts', 'volumes.jpg'));
    const [file] = await runArticles([article], {
      cwd,
      out: 'output',
      jobs: 1,
      check: { today: fixtureToday },
    });
    expect(file?.messages.map((message) => `${message.line}:${message.ruleId}`)).toEqual([
      '14:missing-figure',
    ]);
    expect(existsSync(path.join(cwd, 'output', 'figures.pdf'))).toBe(false);
  });

  it('should show the alt text of an image it may not embed when missing-figure is switched off', async () => {
    const cwd = await scratchCopy(folder, 'source');
    rmSync(path.join(cwd, 'source', 'charts', 'volumes.jpg'));
    const [file] = await runArticles([article], {
      cwd,
      out: 'output',
      jobs: 1,
      check: { today: fixtureToday, rules: { 'missing-figure': 'off' } },
    });
    expect(file?.messages).toEqual([]);
    const pdf = path.join(cwd, 'output', 'figures.pdf');
    expect(imagesOf(pdf).map((image) => image['enc'])).toEqual(['image', 'image']);
    const text = poppler('pdftotext', pdf, '-').replace(/\s+/g, ' ');
    expect(text).toContain('Container volumes by quarter, rising from 30 to 90 thousand');
    expect(text).toContain('Figure 2. Exports again');
  });

  it('should take 150 dpi for an image that states no density', () => {
    const bytes = readFileSync(path.join(fixtures, 'figures', 'charts', 'exports.png'));
    expect(figureImage('exports.png', bytes).dpi).toBe(150);
    expect(
      figureImage('volumes.jpg', readFileSync(path.join(folder, 'charts', 'volumes.jpg'))).dpi,
    ).toBe(200);
  });

  it('should name the image when its header cannot be decoded', () => {
    const png = readFileSync(path.join(folder, 'charts', 'exports.png'));
    const truncated = Buffer.from(png.subarray(0, 2));
    expect(() => figureImage('charts/broken.png', truncated)).toThrow(
      'The image `charts/broken.png` cannot be decoded',
    );
  });
});
