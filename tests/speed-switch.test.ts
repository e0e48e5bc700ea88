import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { launch, saveCodeCache } from '../src/cli/launch.js';
import { loadFonts, shapeRun } from '../src/editions/pdf/fonts.js';
import { renderPdf } from '../src/editions/pdf/index.js';
import { toArticle } from '../src/model/article.js';
import { parse } from '../src/parse/parse.js';
import { parseAndCheck } from '../src/rules/check.js';
import { fixtures, seedSource } from './helpers.js';
import { contentStreams } from './pdf-reader.js';

// The one-pass parser stands in for a marker, so the test sees which path ran.
vi.mock('../src/parse/fast-parse.js', () => ({
  fastParse: () => ({ type: 'root', children: [], data: { path: 'fast' } }),
}));

// The precomputed tables stand in for a counter, so the test sees which shaper ran.
const tableRuns = vi.hoisted(() => ({ count: 0 }));
vi.mock('../src/editions/pdf/shaping.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/editions/pdf/shaping.js')>();
  return {
    ...original,
    shapeWithTables: (...args: Parameters<typeof original.shapeWithTables>) => {
      tableRuns.count += 1;
      return original.shapeWithTables(...args);
    },
  };
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const plainArticle = path.join(fixtures, 'fast-parse', 'mixed.md');

describe('the speed switch', () => {
  it('should take the one-pass parser by default and micromark when switched off', async () => {
    const file = (): VFile =>
      new VFile({ path: 'a.md', value: readFileSync(plainArticle, 'utf8') });
    expect(parse(file()).data).toEqual({ path: 'fast' });
    expect((await parseAndCheck(file())).data).toEqual({ path: 'fast' });
    vi.stubEnv('CITEPROOF_PARSER', 'micromark');
    expect(parse(file()).data).toBeUndefined();
    expect((await parseAndCheck(file())).children.length).toBeGreaterThan(0);
    vi.stubEnv('CITEPROOF_PARSER', '');
    vi.stubEnv('CITEPROOF_REFERENCE', '1');
    expect(parse(file()).data).toBeUndefined();
  });

  it('should shape from the tables by default and with fontkit alone when switched off', async () => {
    const fonts = loadFonts();
    tableRuns.count = 0;
    shapeRun(fonts.regular, 'A plain word');
    expect(tableRuns.count).toBe(1);
    vi.stubEnv('CITEPROOF_SHAPER', 'fontkit');
    shapeRun(fonts.regular, 'A plain word');
    expect(tableRuns.count).toBe(1);
  });

  it('should start from the code cache by default and compile when switched off', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'citeproof-switch-'));
    const bundle = path.join(folder, 'bundle.cjs');
    writeFileSync(bundle, 'module.exports = { ok: 1 };\n');
    saveCodeCache(bundle, launch(bundle).script);
    expect(launch(bundle).script.cachedDataRejected).toBe(false);
    vi.stubEnv('CITEPROOF_CODE_CACHE', 'off');
    expect(launch(bundle).script.cachedDataRejected).toBeUndefined();
  });

  it("should write a line's text as operators by default and each piece with pdfkit when switched off", async () => {
    const file = new VFile({ path: 'seed.md', value: readFileSync(seedSource, 'utf8') });
    vi.stubEnv('CITEPROOF_PARSER', 'micromark'); // The one-pass parser is a stand-in here (above).
    const article = toArticle(parse(file), file);
    vi.unstubAllEnvs();
    if (!article) throw new Error('the seed has invalid front matter');
    // Text objects (BT) against pieces placed (Tm): pdfkit's text() writes one of each per piece.
    const objects = async (): Promise<{ texts: number; pieces: number }> => {
      const content = contentStreams(await renderPdf(article));
      return {
        texts: content.match(/^BT$/gm)?.length ?? 0,
        pieces: content.match(/ Tm$/gm)?.length ?? 0,
      };
    };
    const fast = await objects();
    expect(fast.texts * 3).toBeLessThan(fast.pieces);
    vi.stubEnv('CITEPROOF_TEXT', 'pdfkit');
    expect(await objects()).toEqual({ texts: fast.pieces, pieces: fast.pieces });
    vi.stubEnv('CITEPROOF_TEXT', '');
    vi.stubEnv('CITEPROOF_REFERENCE', '1');
    expect(await objects()).toEqual({ texts: fast.pieces, pieces: fast.pieces });
  });
});
