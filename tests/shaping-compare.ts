import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Font, GlyphRun } from 'fontkit';
import { expect } from 'vitest';
import {
  type Face,
  serifFaces as faces,
  fontFiles,
  shapeWithFontkit,
} from '../src/editions/pdf/fonts.js';
import {
  type ShapedRun,
  type ShapingTables,
  loadShapingTables,
  shapeWithTables,
} from '../src/editions/pdf/shaping.js';

/** What a shaped run puts on the page: glyphs and their scaled positions. */
export function drawn(run: GlyphRun | ShapedRun): string {
  return run.glyphs
    .map((glyph, index) => {
      const at = run.positions[index];
      return `${glyph.id}@${at?.xAdvance},${at?.yAdvance},${at?.xOffset},${at?.yOffset}`;
    })
    .join(' ');
}

/** pdfkit's own shaping: every default feature, positions scaled to 1000 units per em. */
export function withEveryFeature(font: Font, text: string): GlyphRun {
  const run = font.layout(text);
  const scale = 1000 / font.unitsPerEm;
  for (const position of run.positions) {
    const scaled = position as unknown as Record<string, number>;
    for (const key of Object.keys(scaled)) scaled[key] = (scaled[key] ?? 0) * scale;
  }
  return run;
}

// Scripts the PDF edition sets: Latin (with Turkish), Greek, Cyrillic, punctuation, currency.
export const blocks: Array<[number, number]> = [
  [0x20, 0x24f],
  [0x370, 0x3ff],
  [0x400, 0x52f],
  [0x1e00, 0x1eff],
  [0x2000, 0x206f],
  [0x20a0, 0x20cf],
];

/** Everything pdfkit reads of a run: glyphs, their advances, positions and the run's width. */
export function everything(run: ShapedRun): string {
  const glyphs = run.glyphs.map((glyph) => `${glyph.id}/${glyph.advanceWidth}`).join(' ');
  const positions = run.positions
    .map((at) => `${at.xAdvance},${at.yAdvance},${at.xOffset},${at.yOffset},${at.advanceWidth}`)
    .join(' ');
  return `${glyphs} | ${positions} | ${run.advanceWidth}`;
}

/** The precomputed shaping tables of each face, made from these font files (or none). */
export function shapingTables(): Record<Face, ShapingTables | undefined> {
  return Object.fromEntries(
    faces.map((face, index) => {
      const hash = createHash('sha256')
        .update(readFileSync(fontFiles()[index] ?? ''))
        .digest('hex');
      return [face, loadShapingTables(face, hash)];
    }),
  ) as Record<Face, ShapingTables | undefined>;
}

/**
 * A check of `text` in `face`: shaped from the tables, which must cover it, as fontkit
 * shapes it, each glyph showing the characters it was made from.
 */
export function sameAsFontkit(
  tables: Record<Face, ShapingTables | undefined>,
  fonts: Record<Face, Font>,
): (face: Face, text: string) => void {
  return (face, text) => {
    const table = tables[face];
    if (!table) throw new Error(`no shaping tables for ${face}`);
    const run = shapeWithTables(table, text);
    if (!run) expect(run, `${face} covers ${JSON.stringify(text)}`).toBeDefined();
    if (!run) return;
    // expect only on a difference: `same` runs 60,000 times, and expect costs more than shaping.
    const [ours, fontkit] = [everything(run), everything(shapeWithFontkit(fonts[face], text))];
    if (ours !== fontkit) expect(ours, `${face} ${JSON.stringify(text)}`).toBe(fontkit);
    // Each glyph shows the characters it was made from (a ligature, all of its own).
    const made = run.glyphs.flatMap((glyph) => glyph.codePoints).join(' ');
    const from = [...text].map((character) => character.codePointAt(0)).join(' ');
    if (made !== from) expect(made, `${face} ${JSON.stringify(text)}`).toBe(from);
  };
}
