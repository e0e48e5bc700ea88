import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { Font, GlyphRun } from 'fontkit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../src/editions/pdf/index.js';
import { toArticle } from '../src/model/article.js';
import { parse } from '../src/parse/parse.js';
import { readPdf } from './pdf-reader.js';
import {
  type Face,
  serifFaces as faces,
  fontFiles,
  loadFonts,
  shapeRun,
  shapeWithFontkit,
} from '../src/editions/pdf/fonts.js';
import {
  type ShapedRun,
  type ShapingTables,
  loadShapingTables,
  shapeWithTables,
} from '../src/editions/pdf/shaping.js';

const root = path.resolve(import.meta.dirname, '..');

/** What a shaped run puts on the page: glyphs and their scaled positions. */
function drawn(run: GlyphRun | ShapedRun): string {
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
          const [ours, full] = [drawn(shapeRun(font, text)), drawn(withEveryFeature(font, text))];
          // (expect only on a difference: 11,000 calls of it cost more than the shaping)
          if (ours !== full) expect(ours, `${face} U+${code.toString(16)} in ${text}`).toBe(full);
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

  it('shapes the monospace face with every feature (its ccmp decomposes some letters)', () => {
    for (const text of ['\u1e2d', 'x = \u1e2d + 1', 'def f(x):']) {
      expect(drawn(shapeRun(fonts.mono, text)), text).toBe(
        drawn(withEveryFeature(fonts.mono, text)),
      );
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

/** Everything pdfkit reads of a run: glyphs, their advances, positions and the run's width. */
function everything(run: ShapedRun): string {
  const glyphs = run.glyphs.map((glyph) => `${glyph.id}/${glyph.advanceWidth}`).join(' ');
  const positions = run.positions
    .map((at) => `${at.xAdvance},${at.yAdvance},${at.xOffset},${at.yOffset},${at.advanceWidth}`)
    .join(' ');
  return `${glyphs} | ${positions} | ${run.advanceWidth}`;
}

describe('precomputed shaping tables (dist/shaping, made by scripts/shaping-tables.mjs)', () => {
  const fonts = loadFonts();
  const tables = Object.fromEntries(
    faces.map((face, index) => {
      const hash = createHash('sha256')
        .update(readFileSync(fontFiles()[index] ?? ''))
        .digest('hex');
      return [face, loadShapingTables(face, hash)];
    }),
  ) as Record<Face, ShapingTables | undefined>;

  /** Shape from the tables, which must cover `text`, and compare with fontkit. */
  const same = (face: Face, text: string): void => {
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

  it('exist for every face and were made from these font files', () => {
    for (const face of faces) expect(tables[face], face).toBeDefined();
    expect(loadShapingTables('regular', 'f'.repeat(64))).toBeUndefined();
    expect(loadShapingTables('no-such-face', 'f'.repeat(64))).toBeUndefined();
  });

  it('shape every character they cover as fontkit does, alone and after letters of each script', () => {
    let compared = 0;
    for (const face of faces) {
      for (const code of tables[face]?.characters.keys() ?? []) {
        const character = String.fromCodePoint(code);
        for (const text of [character, `A${character}`, `И${character}V`, `.${character}Ω`]) {
          same(face, text);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(4 * 4 * 2500);
  });

  it('shape every pair of the characters articles are written in as fontkit does', () => {
    const letters =
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,;:!?\'"()[]/-–—‘’“”«»…%&' +
      'ÇĞİÖŞÜçğıöşüÄÉÈàáâéèêëíîóôúûñß' +
      'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя' +
      'ΑΒΓΔΕΛΟΡΤΥΦΩαβγδελμοπρστυφω';
    const characters = [...letters];
    // Every ordered pair `xy` is shaped, but many at once: one run `x y1 x y2 x y3 …` holds the
    // pairs of `x` with each `y` of one script (and `yx`). Shaping a run costs fontkit about
    // the same for 2 characters as for 100, so this is the same ~200,000 pairs in 1/50 of the
    // calls. A run is shaped with the plan of its first letter's script (fontkit's
    // `Script.forString`, `shapeWithTables` alike), so the `y`s of a run share one script:
    // `.И` is then shaped with the Cyrillic plan, as alone. A run that differs is split into
    // its pairs, so the failure names the pair.
    const scriptOf = (character: string): string =>
      ['Latin', 'Cyrillic', 'Greek'].find((script) =>
        new RegExp(`\\p{Script=${script}}`, 'u').test(character),
      ) ?? 'Common';
    const groups = new Map<string, string[]>();
    for (const character of characters) {
      const script = scriptOf(character);
      groups.set(script, [...(groups.get(script) ?? []), character]);
    }
    let pairs = 0;
    for (const face of faces) {
      const table = tables[face];
      if (!table) throw new Error(`no shaping tables for ${face}`);
      for (const first of characters) {
        for (const seconds of groups.values()) {
          const text = seconds.map((second) => first + second).join('') + first;
          const run = shapeWithTables(table, text);
          if (!run || everything(run) !== everything(shapeWithFontkit(fonts[face], text))) {
            for (const second of seconds) same(face, first + second);
            same(face, text);
          }
          pairs += seconds.length;
        }
      }
    }
    expect(pairs).toBe(faces.length * characters.length ** 2);
  });

  it('shape every word of the articles and fixtures, with its space, as fontkit does', () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'citeproof-shaping-'));
    execFileSync(process.execPath, [
      path.join(root, 'bench', 'gen-corpus.mjs'),
      scratch,
      '60',
      '5',
    ]);
    const texts = [
      ...readdirSync(path.join(root, 'source')).map((name) => path.join(root, 'source', name)),
      ...readdirSync(scratch, { recursive: true })
        .map(String)
        .filter((name) => name.endsWith('.md'))
        .map((name) => path.join(scratch, name)),
      path.join(root, 'scripts', 'warm-up.md'),
    ].map((file) => readFileSync(file, 'utf8'));
    const words = new Set(texts.flatMap((text) => text.split(/\s+/u)).filter(Boolean));
    let covered = 0;
    for (const face of faces) {
      for (const word of words) {
        const table = tables[face];
        if (!table || !shapeWithTables(table, `${word} `)) continue;
        same(face, `${word} `);
        covered++;
      }
    }
    expect(covered).toBeGreaterThan(words.size * 4 * 0.95);
  });

  it('shape random text of their characters as fontkit does', () => {
    for (const face of faces) {
      const table = tables[face];
      const characters = [...(table?.characters.keys() ?? [])].map((code) =>
        String.fromCodePoint(code),
      );
      const common = [...'fiflffiffl AVTaWo.,’“']; // ligatures and kerning pairs, often
      const character = fc.oneof(fc.constantFrom(...characters), fc.constantFrom(...common));
      fc.assert(
        fc.property(fc.array(character, { minLength: 1, maxLength: 12 }), (pieces) => {
          same(face, pieces.join(''));
        }),
        { numRuns: 1500, seed: 7 },
      );
    }
  });

  it('leave text they do not cover to fontkit, with the same result as before', () => {
    const table = tables.regular;
    if (!table) throw new Error('no shaping tables for regular');
    for (const text of ['e\u0301', '1\u20442', 'soft\u00adhyphen', 'zero\u200bwidth', '\u05d0']) {
      expect(shapeWithTables(table, text), JSON.stringify(text)).toBeUndefined();
      expect(drawn(shapeRun(fonts.regular, text))).toBe(
        drawn(withEveryFeature(fonts.regular, text)),
      );
    }
  });
});

describe('a PDF does not depend on what was built before it', () => {
  it('should extract code as written after a letter the monospace face composes (`ḭ`)', async () => {
    const render = async (name: string): Promise<string> => {
      const source = path.join(root, 'tests', 'fixtures', 'pdf', name);
      const file = new VFile({ path: source, value: readFileSync(source, 'utf8') });
      const article = toArticle(parse(file), file);
      if (!article) throw new Error(`${name}: invalid front matter`);
      return (await readPdf(await renderPdf(article))).text.join('\n');
    };
    // The composed letter first: fontkit once cached its base glyph with the whole
    // cluster's characters, and every later `i` in that face extracted as `ḭ`.
    expect(await render('composed-letter.md')).toMatch(/x = ḭ/u);
    const after = await render('plain-code-after-composed.md');
    expect(after).toContain('route_capacity_for_the_composed_letter_test = minimum(index)');
    expect(after).not.toContain('ḭ');
  });
});
