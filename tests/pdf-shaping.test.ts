import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../src/editions/pdf/index.js';
import { serifFaces as faces, loadFonts, shapeRun } from '../src/editions/pdf/fonts.js';
import { loadShapingTables, shapeWithTables } from '../src/editions/pdf/shaping.js';
import { toArticle } from '../src/model/article.js';
import { parse } from '../src/parse/parse.js';
import { root } from './helpers.js';
import { readPdf } from './pdf-reader.js';
import { drawn, shapingTables, withEveryFeature } from './shaping-compare.js';

describe('shaping without the mark features', () => {
  const fonts = loadFonts();

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

describe('precomputed shaping tables (dist/shaping, made by scripts/shaping-tables.mjs)', () => {
  const fonts = loadFonts();
  const tables = shapingTables();

  it('exist for every face and were made from these font files', () => {
    for (const face of faces) expect(tables[face], face).toBeDefined();
    expect(loadShapingTables('regular', 'f'.repeat(64))).toBeUndefined();
    expect(loadShapingTables('no-such-face', 'f'.repeat(64))).toBeUndefined();
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
