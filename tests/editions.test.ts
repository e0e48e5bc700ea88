import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runningHead } from '../src/editions/pdf/render.js';
import { fixtures, root, scratchCopy } from './helpers.js';
import { readPdf } from './pdf-reader.js';

const bin = path.join(root, 'dist', 'cli.js');
const env = { PATH: process.env['PATH'] ?? '' };

function build(folder: string, args: string[] = []): void {
  const result = spawnSync(process.execPath, [bin, 'build', '--no-cache', ...args], {
    cwd: folder,
    env,
    encoding: 'utf8',
  });
  expect(result.status, result.stdout + result.stderr).toBe(0);
}

describe('language editions', () => {
  it('should link the editions that exist to each other, in Markdown and in the PDF', async () => {
    const folder = await scratchCopy(path.join(fixtures, 'projects', 'editions'));
    build(folder);
    const english = readFileSync(path.join(folder, 'output', 'trade-en.md'), 'utf8');
    const turkish = readFileSync(path.join(folder, 'output', 'trade-tr.md'), 'utf8');
    expect(english).toContain('_Also available in: [Türkçe](trade-tr.md)_');
    expect(turkish).toContain('_Bu yazı şu dillerde de var: [English](trade-en.md)_');
    // The Russian edition is named but not written: it is not linked.
    expect(english).not.toContain('trade-ru-not-written-yet.md');
    const pdf = readFileSync(path.join(folder, 'output', 'trade-en.pdf'));
    expect(pdf.toString('latin1')).toMatch(
      /\/S \/GoToR[^]*?\/F \(trade-tr\.pdf\)|\/F \(trade-tr\.pdf\)[^]*?\/S \/GoToR/,
    );
    const text = (await readPdf(pdf)).text.join(' ');
    expect(text).toContain('Also available in: Türkçe');
  });

  it('should rebuild a Markdown edition with its editions list to the same bytes', async () => {
    const folder = await scratchCopy(path.join(fixtures, 'projects', 'editions'));
    build(folder);
    build(folder, ['output', '--out', 'again']);
    for (const name of ['trade-en.md', 'trade-tr.md']) {
      expect(readFileSync(path.join(folder, 'again', name), 'utf8')).toBe(
        readFileSync(path.join(folder, 'output', name), 'utf8'),
      );
    }
  });

  it('should make each PDF the same bytes whatever else the same run built', async () => {
    const folder = await scratchCopy(path.join(fixtures, 'projects', 'editions'));
    build(folder);
    build(folder, ['source/trade-tr.md', '--out', 'alone']);
    const together = readFileSync(path.join(folder, 'output', 'trade-tr.pdf'));
    expect(readFileSync(path.join(folder, 'alone', 'trade-tr.pdf')).equals(together)).toBe(true);
    expect((await readPdf(together)).text.join(' ')).toContain('Bu yazı şu dillerde de var');
  });

  it('should keep every letter of text shaped by fontkit after a PDF made from the tables', async () => {
    // a-plain.md is built first and shaped from the precomputed tables; its subset leaves
    // fontkit glyphs without characters behind. b-marks.md has combining marks, so fontkit
    // shapes its words, and must not get those glyphs back.
    const folder = await scratchCopy(path.join(fixtures, 'projects', 'marks'));
    build(folder);
    build(folder, ['source/b-marks.md', '--out', 'alone']);
    const together = readFileSync(path.join(folder, 'output', 'b-marks.pdf'));
    expect(readFileSync(path.join(folder, 'alone', 'b-marks.pdf')).equals(together)).toBe(true);
    const text = (await readPdf(together)).text.join(' ').normalize('NFC');
    for (const word of ['village', 'visitors', 'evening', 'café', 'naïve'])
      expect(text).toContain(word);
  });

  it('should set running heads in the capitals of the article’s language', () => {
    const meta = { title: 'Orta Asya’da ticaret ve ilişkiler', author: 'A', lang: 'tr' };
    expect(runningHead(meta)).toBe('ORTA ASYA’DA TİCARET VE İLİŞKİLER');
    expect(runningHead({ ...meta, title: 'Trade in Asia', lang: 'en' })).toBe('TRADE IN ASIA');
  });
});
