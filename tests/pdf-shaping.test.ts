import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Font, GlyphRun } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { faces, loadFonts, shapeRun } from '../src/editions/pdf/fonts.js';

const root = path.resolve(import.meta.dirname, '..');

/** What a shaped run puts on the page: glyphs and their scaled positions. */
function drawn(run: GlyphRun): string {
  return run.glyphs
    .map((glyph, index) => {
      const at = run.positions[index];
      return `${glyph.id}@${at?.xAdvance},${at?.yAdvance},${at?.xOffset},${at?.yOffset}`;
    })
    .join(' ');
}

/** pdfkit's own shaping: every default feature, positions scaled to 1000 units per em. */
function withEveryFeature(font: Font, text: string): GlyphRun {
  const run = font.layout(text);
  const scale = 1000 / font.unitsPerEm;
  for (const position of run.positions) {
    const scaled = position as unknown as Record<string, number>;
    for (const key of Object.keys(scaled)) scaled[key] = (scaled[key] ?? 0) * scale;
  }
  return run;
}

// Scripts the PDF edition sets: Latin (with Turkish), Greek, Cyrillic, punctuation, currency.
const blocks: Array<[number, number]> = [
  [0x20, 0x24f],
  [0x370, 0x3ff],
  [0x400, 0x52f],
  [0x1e00, 0x1eff],
  [0x2000, 0x206f],
  [0x20a0, 0x20cf],
];

describe('shaping without the mark features', () => {
  const fonts = loadFonts();

  it('sets every character of the fonts as full shaping does, alone and between letters', () => {
    let compared = 0;
    for (const face of faces) {
      const font = fonts[face];
      const characters = font.characterSet.filter(
        (code) =>
          blocks.some(([from, to]) => code >= from && code <= to) &&
          !/\p{M}/u.test(String.fromCodePoint(code)),
      );
      for (const code of characters) {
        const character = String.fromCodePoint(code);
        for (const text of [character, `a${character}a`, `И${character}${character}`]) {
          expect(drawn(shapeRun(font, text)), `${face} U+${code.toString(16)} in ${text}`).toBe(
            drawn(withEveryFeature(font, text)),
          );
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(4 * 3 * 900);
  });

  it('sets every word of the seed article as full shaping does', () => {
    const text = readFileSync(path.join(root, 'source', 'kazakhstan-france-relations.md'), 'utf8');
    const words = [...new Set(text.split(/\s+/u))].filter(Boolean);
    for (const face of faces) {
      for (const word of words) {
        expect(drawn(shapeRun(fonts[face], `${word} `)), `${face} ${word}`).toBe(
          drawn(withEveryFeature(fonts[face], `${word} `)),
        );
      }
    }
  });

  it('keeps the mark features for text with a combining mark', () => {
    // a + combining acute: the mark is positioned over the base only with `mark`.
    const font = fonts.regular;
    const withMark = 'a\u0301';
    expect(drawn(shapeRun(font, withMark))).toBe(drawn(withEveryFeature(font, withMark)));
    const unpositioned = font.layout(withMark, { mark: false, mkmk: false, ccmp: false } as never);
    expect(drawn(unpositioned)).not.toBe(drawn(withEveryFeature(font, withMark)));
  });
});
