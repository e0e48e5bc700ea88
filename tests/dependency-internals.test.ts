import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
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
});
