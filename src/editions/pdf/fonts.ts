import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Face, fontFile } from '../../fonts/files.js';
import { speedPaths } from '../../speed/index.js';
import * as fontkit from 'fontkit';
import { lazyPostTable } from './font-tables.js';
import {
  type ShapedRun,
  type ShapingTables,
  loadShapingTables,
  shapeWithTables,
} from './shaping.js';

export type { ShapedRun } from './shaping.js';

export type { Face } from '../../fonts/files.js';

export const faces: readonly Face[] = ['regular', 'italic', 'bold', 'boldItalic', 'mono'];

/**
 * The serif faces: shaped without the mark features, from precomputed tables
 * where they cover the text. The monospace face is shaped by fontkit with every
 * feature: its `ccmp` decomposes some precomposed letters (ḭ), so leaving the mark
 * features out would change its glyphs; code is rare enough not to need tables.
 */
export const serifFaces: readonly Face[] = ['regular', 'italic', 'bold', 'boldItalic'];

export type FontSet = Record<Face, fontkit.Font>;

let loaded: FontSet | undefined;
/** Each parsed font's face and bytes, and its shaping tables once loaded (`null`: none). */
const shaping = new WeakMap<
  fontkit.Font,
  { face: Face; bytes: Buffer; tables?: ShapingTables | null }
>();

/** The precomputed shaping tables of `font`, loaded when first needed. */
function tablesOf(font: fontkit.Font): ShapingTables | undefined {
  const entry = shaping.get(font);
  if (!entry) return undefined;
  if (entry.tables === undefined) {
    const hash = createHash('sha256').update(entry.bytes).digest('hex');
    entry.tables = loadShapingTables(entry.face, hash) ?? null;
  }
  return entry.tables ?? undefined;
}

/** Fonts parsed so far (the monospace face only once some code is set). */
const parsedFonts: fontkit.Font[] = [];

function parseFace(face: Face): fontkit.Font {
  const bytes = readFileSync(fontFile(face));
  const font = fontkit.create(bytes) as fontkit.Font;
  if (speedPaths().lazyPostTable) lazyPostTable(font, bytes);
  shaping.set(font, { face, bytes });
  parsedFonts.push(font);
  return font;
}

/**
 * The parsed fonts, parsed once per process; the monospace face on first use,
 * so that an article without code reads and parses no more than before.
 */
export function loadFonts(): FontSet {
  if (!loaded) {
    let mono: fontkit.Font | undefined;
    const set = {
      regular: parseFace('regular'),
      italic: parseFace('italic'),
      bold: parseFace('bold'),
      boldItalic: parseFace('boldItalic'),
    };
    Object.defineProperty(set, 'mono', {
      enumerable: true,
      get: () => (mono ??= parseFace('mono')),
    });
    loaded = set as FontSet;
  }
  return loaded;
}

/** Paths of the font files (for cache keys and reports). */
export function fontFiles(): string[] {
  return faces.map((face) => fontFile(face));
}

/**
 * Fonts whose glyph cache may hold glyphs without their characters. pdfkit's
 * subsetting asks fontkit for glyphs by id alone, and fontkit caches the first
 * glyph object made for an id: text laid out by fontkit in a later document
 * would get such glyphs back, and extract with letters missing. So before
 * fontkit lays out text in a font after a document was made with it, those
 * glyphs are forgotten (`shapeWithFontkit`). Text shaped from the precomputed
 * tables never reads fontkit's cache, so the subset's glyphs, with their decoded
 * outlines, are otherwise kept for the next document. Every PDF is the same
 * whatever was built before it.
 */
const mayHoldUnmappedGlyphs = new WeakSet<fontkit.Font>();

/** Called before each document (a face not parsed yet has nothing to forget). */
export function forgetUnmappedGlyphs(): void {
  for (const font of parsedFonts) mayHoldUnmappedGlyphs.add(font);
}

function dropUnmappedGlyphs(font: fontkit.Font): void {
  if (!mayHoldUnmappedGlyphs.delete(font)) return;
  const cache = (
    font as unknown as { _glyphs?: Record<string, { codePoints: number[] } | undefined> }
  )._glyphs;
  if (!cache) return;
  for (const [id, glyph] of Object.entries(cache))
    if (!glyph || glyph.codePoints.length === 0) delete cache[id];
}

/**
 * Take out of fontkit's glyph cache the glyphs of a run that carry characters
 * not their own. A character the face composes from others (`ḭ`, `i` and a
 * tilde below, in the monospace face) gives the base glyph the whole cluster's
 * characters; cached so, every later `i` of any document would extract as `ḭ`.
 * The run keeps its glyph objects (right for it); the next layout makes new ones.
 */
function forgetBorrowedGlyphs(font: fontkit.Font, glyphs: readonly fontkit.Glyph[]): void {
  const cache = (font as unknown as { _glyphs?: Record<string, fontkit.Glyph | undefined> })
    ._glyphs;
  if (!cache) return;
  for (const glyph of glyphs) {
    const [first, ...rest] = glyph.codePoints;
    const own =
      first !== undefined && rest.length === 0 && font.glyphForCodePoint(first).id === glyph.id;
    if (!own && cache[glyph.id] === glyph) delete cache[glyph.id];
  }
}

const shapedRuns: Record<Face, Record<string, ShapedRun>> = {
  regular: Object.create(null) as Record<string, ShapedRun>,
  italic: Object.create(null) as Record<string, ShapedRun>,
  bold: Object.create(null) as Record<string, ShapedRun>,
  boldItalic: Object.create(null) as Record<string, ShapedRun>,
  mono: Object.create(null) as Record<string, ShapedRun>,
};
const shapedCounts: Record<Face, number> = {
  regular: 0,
  italic: 0,
  bold: 0,
  boldItalic: 0,
  mono: 0,
};
/** Distinct runs kept per face before the cache starts again (a bound on memory). */
const maxShapedRuns = 200_000;

/**
 * The process-wide cache of shaped runs for a face, in pdfkit's format and
 * keyed as pdfkit keys it (a word with its trailing space): measuring fills it,
 * and pdfkit draws from it, so each word is shaped once per process.
 */
export function shapedRunCache(face: Face): Record<string, ShapedRun> {
  return shapedRuns[face];
}

/**
 * OpenType features that only act on combining marks: without a mark in the
 * text they change nothing, and leaving them out spares decoding Noto's large
 * mark-positioning tables (a third of a one-article build's shaping time).
 * tests/deep/pdf-shaping.test.ts checks the claim on every character of the fonts.
 */
export const markFeatures = { ccmp: false, mark: false, mkmk: false } as const;
const combiningMark = /\p{M}/u;

/**
 * Shape `text` in `font` as pdfkit's `layoutRun` does (positions scaled to
 * 1000 units per em), with the features it needs: all of them when it has a
 * combining mark. Text the face's precomputed tables cover (see shaping.ts) is
 * shaped from them, with the same result; the rest by fontkit.
 */
export function shapeRun(font: fontkit.Font, text: string): ShapedRun {
  const tables = speedPaths().shapingTables ? tablesOf(font) : undefined;
  const fast = tables && shapeWithTables(tables, text);
  return fast ?? shapeWithFontkit(font, text);
}

/** Shape `text` with fontkit (see `shapeRun`). */
export function shapeWithFontkit(font: fontkit.Font, text: string): ShapedRun {
  dropUnmappedGlyphs(font);
  const run =
    combiningMark.test(text) || shaping.get(font)?.face === 'mono'
      ? font.layout(text)
      : font.layout(text, markFeatures as unknown as string[]);
  forgetBorrowedGlyphs(font, run.glyphs);
  const scale = 1000 / font.unitsPerEm;
  run.positions.forEach((position, index) => {
    const scaled = position as unknown as Record<string, number>;
    for (const key of Object.keys(scaled)) scaled[key] = (scaled[key] ?? 0) * scale;
    scaled['advanceWidth'] = (run.glyphs[index]?.advanceWidth ?? 0) * scale;
  });
  return run as unknown as ShapedRun;
}

/** Shape `text` in `face` through the shared cache. */
export function shape(fonts: FontSet, face: Face, text: string): ShapedRun {
  const cached = shapedRuns[face][text];
  if (cached) return cached;
  const run = shapeRun(fonts[face], text);
  if (++shapedCounts[face] > maxShapedRuns) {
    shapedRuns[face] = Object.create(null) as Record<string, ShapedRun>;
    shapedCounts[face] = 1;
  }
  shapedRuns[face][text] = run;
  return run;
}
