import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { lazyPostTable } from '../src/editions/pdf/font-tables.js';
import { collectBytes } from '../src/editions/pdf/render.js';
import {
  type EmbeddedFontEncoder,
  type TextTarget,
  fillColorOperators,
  writeText,
} from '../src/editions/pdf/text-operators.js';
import { root } from './helpers.js';

// citeproof reaches into a few private fields of fontkit and pdfkit (listed in
// src/speed/index.ts and at each use). These tests fail loudly when an upgrade
// moves them, instead of a PDF silently changing.

// Bundled into dist/citeproof.cjs (scripts/bundle.mjs), so development dependencies.
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const installed = (name: string): string =>
  (
    JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
const fontFile = path.join(root, 'fonts', 'NotoSerif_400Regular.ttf');

describe('private internals of pdfkit and fontkit', () => {
  it('should pin the exact versions whose internals are used', () => {
    for (const name of ['pdfkit', 'fontkit']) {
      expect(manifest.devDependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(installed(name), name).toBe(manifest.devDependencies[name]);
    }
  });

  it("should find fontkit's glyph cache and layout engine (src/editions/pdf/fonts.ts, scripts/shaping-tables.mjs)", () => {
    const font = fontkit.create(readFileSync(fontFile)) as fontkit.Font & {
      _glyphs?: Record<string, { codePoints: number[] } | undefined>;
      _layoutEngine?: { engine?: Record<string, unknown>; isDefaultIgnorable?: unknown };
    };
    font.layout('Ab');
    expect(typeof font._glyphs).toBe('object');
    expect(Object.values(font._glyphs ?? {}).some((glyph) => glyph?.codePoints.length)).toBe(true);
    expect(typeof font._layoutEngine?.isDefaultIgnorable).toBe('function');
    expect(typeof font._layoutEngine?.engine?.['GSUBProcessor']).toBe('object');
    expect(typeof font._layoutEngine?.engine?.['GPOSProcessor']).toBe('object');
  });

  it("should find pdfkit's embedded font and name tree (src/editions/pdf/render.ts)", () => {
    const doc = new PDFDocument({ autoFirstPage: true }) as PDFKit.PDFDocument & {
      _font?: { layoutCache?: unknown; layoutRun?: unknown; font?: unknown };
      _root?: { data?: { Names?: { data?: { Dests?: { _compareKeys?: unknown } } } } };
    };
    doc.font(fontFile);
    expect(typeof doc._font?.layoutCache).toBe('object');
    expect(typeof doc._font?.layoutRun).toBe('function');
    expect(typeof doc._font?.font).toBe('object');
    doc.addNamedDestination('note-1');
    expect(typeof doc._root?.data?.Names?.data?.Dests?._compareKeys).toBe('function');
  });

  it("should write a piece as text() does with pdfkit's font encoder (src/editions/pdf/text-operators.ts)", () => {
    // What pdfkit's text() writes for a piece, and what the text writer writes with its encoder.
    const written = (draw: (doc: PdfkitInternals) => void): string[] => {
      const doc = new PDFDocument({ size: [400, 300], margin: 0 }) as PdfkitInternals;
      doc.font(fontFile);
      const lines: string[] = [];
      const addContent = doc.addContent.bind(doc);
      doc.addContent = (data: string) => {
        lines.push(...data.split('\n'));
        return addContent(data);
      };
      draw(doc);
      expect(Object.keys(doc.page.fonts)).toEqual([doc._font.id]);
      return lines.filter((line) => / (Tm|Tf|Tz|TJ)$/.test(line));
    };
    const text = 'AVAVA Wo\u0301rd ';
    const byPdfkit = written((doc) =>
      doc.fontSize(11).text(text, 20.5, 40.25, {
        lineBreak: false,
        baseline: 'alphabetic',
        horizontalScaling: 99,
      } as PDFKit.Mixins.TextOptions),
    );
    const byWriter = written((doc) =>
      writeText(doc as unknown as TextTarget, [
        {
          text,
          font: doc._font,
          size: 11,
          scale: 99,
          color: fillColorOperators('#000000'),
          x: 20.5,
          y: 40.25,
        },
      ]),
    );
    expect(byPdfkit.length).toBeGreaterThan(4);
    // The same font, size and scale (pdfkit sets them after the first Tm, the writer before it).
    const state = (lines: string[]) => lines.filter((line) => / (Tf|Tz)$/.test(line));
    expect(state(byWriter)).toEqual(state(byPdfkit));
    // The same places and glyphs; pdfkit ends each run of glyphs with its kerning, 0 too, the writer leaves 0s out.
    const placed = (lines: string[]) => lines.filter((line) => / (Tm|TJ)$/.test(line));
    expect(placed(byWriter)).toEqual(
      placed(byPdfkit).map((line) => line.replace(/> 0 </g, '').replace(/> 0\]/g, '>]')),
    );
  });
});

describe("fontkit's post table read lazily (src/editions/pdf/font-tables.ts)", () => {
  const files = readdirSync(path.join(root, 'fonts')).filter((name) => name.endsWith('.ttf'));

  it('should give every field of the table as fontkit decodes it, the glyph names on demand', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const name of files) {
      const bytes = readFileSync(path.join(root, 'fonts', name));
      const lazy = fontkit.create(bytes) as fontkit.Font & { post: Record<string, unknown> };
      lazyPostTable(lazy, bytes);
      const tables = (lazy as unknown as { _tables: Record<string, unknown> })._tables;
      expect(tables['post'], name).toBeDefined();
      const whole = (fontkit.create(bytes) as fontkit.Font & { post: Record<string, unknown> })
        .post;
      expect(Object.keys(whole).length, name).toBeGreaterThan(9);
      for (const key of Object.keys(whole))
        expect(lazy.post[key], `${name}: ${key}`).toEqual(whole[key]);
      expect(lazy.post['names'], name).toEqual(whole['names']);
    }
  });

  it('should embed the same font bytes in a PDF (italic angle, fixed pitch)', async () => {
    const pdf = (name: string, lazy: boolean): Promise<Buffer> => {
      const bytes = readFileSync(path.join(root, 'fonts', name));
      const font = fontkit.create(bytes);
      if (lazy) lazyPostTable(font, bytes);
      const doc = new PDFDocument({ info: { CreationDate: new Date(0) } });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      const done = new Promise<Buffer>((resolve) =>
        doc.on('end', () => resolve(Buffer.concat(chunks))),
      );
      doc.font(font as unknown as string).text('Kazakhstan–France: Аскероғлу, İlişkileri');
      doc.end();
      return done;
    };
    for (const name of files)
      expect((await pdf(name, true)).equals(await pdf(name, false)), name).toBe(true);
  });
});

describe("pdfkit's file writer (collectBytes, src/editions/pdf/render.ts)", () => {
  /** A document with a header, pages, a font, a compressed stream, an outline and an xref table. */
  const fill = (doc: PDFKit.PDFDocument): void => {
    doc.font(path.join(root, 'fonts', 'NotoSerif_400Regular.ttf'));
    for (const text of ['Kazakhstan–France: Аскероғлу', 'İlişkileri ÿ\u0100']) {
      doc.addPage().text(text);
      doc.outline.addItem(text);
    }
    doc.end();
  };

  it('should collect the bytes pdfkit streams, the xref offsets included', async () => {
    const streamed = new PDFDocument({ info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    streamed.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<Buffer>((resolve) =>
      streamed.on('end', () => resolve(Buffer.concat(chunks))),
    );
    fill(streamed);
    const collectedDoc = new PDFDocument({ info: { CreationDate: new Date(0) } });
    const collected = collectBytes(collectedDoc);
    fill(collectedDoc);
    const [want, got] = await Promise.all([ended, collected]);
    expect(got.subarray(0, 9).toString('latin1')).toBe('%PDF-1.3\n');
    expect(got.length).toBe(want.length);
    expect(got.equals(want)).toBe(true);
  });
});

interface PdfkitInternals extends PDFKit.PDFDocument {
  _font: EmbeddedFontEncoder;
  page: PDFKit.PDFPage & { fonts: Record<string, unknown> };
  addContent: (data: string) => PDFKit.PDFDocument;
}
