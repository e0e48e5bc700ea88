import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  serifFaces as faces,
  loadFonts,
  shapeRun,
  shapeWithFontkit,
} from '../../src/editions/pdf/fonts.js';
import { shapeWithTables } from '../../src/editions/pdf/shaping.js';
import { root } from '../helpers.js';
import {
  blocks,
  drawn,
  everything,
  sameAsFontkit,
  shapingTables,
  withEveryFeature,
} from '../shaping-compare.js';

describe('shaping without the mark features, on every character', () => {
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
});

describe('precomputed shaping tables, on every character, pair and word, and random text', () => {
  const fonts = loadFonts();
  const tables = shapingTables();
  const same = sameAsFontkit(tables, fonts);

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
});
