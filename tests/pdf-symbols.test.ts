import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../src/editions/pdf/index.js';
import { toArticle } from '../src/model/article.js';
import { parse } from '../src/parse/parse.js';
import { check } from '../src/rules/check.js';
import { fixtureToday } from './helpers.js';

// tests/fixtures/pdf/symbols.md: ≤ ≠ → ≥ in prose and in a note, which the serif faces lack
// and the monospace face has.
const name = path.join(import.meta.dirname, 'fixtures', 'pdf', 'symbols.md');

function poppler(tool: string, file: string): string {
  const result = spawnSync(tool, [file, ...(tool === 'pdftotext' ? ['-'] : [])], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr}`);
  return result.stdout;
}

describe('symbols the serif faces lack', () => {
  it('should pass the check, and print each in the monospace face, in the text layer too', async () => {
    const file = new VFile({ path: name, value: readFileSync(name, 'utf8') });
    const tree = parse(file);
    await check(tree, file, { today: fixtureToday });
    expect(file.messages.filter((message) => message.ruleId === 'unsupported-character')).toEqual(
      [],
    );
    const article = toArticle(tree, file);
    if (!article) throw new Error('symbols.md: invalid front matter');
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'citeproof-symbols-')), 'symbols.pdf');
    writeFileSync(out, await renderPdf(article));
    const text = poppler('pdftotext', out).replace(/\s+/g, ' ');
    for (const phrase of [
      'stayed ≤ 2%',
      'was ≠ zero',
      'exports → Europe',
      'x≥y held',
      'Prices ≤ wages',
    ])
      expect(text).toContain(phrase);
    expect(poppler('pdffonts', out)).toMatch(/NotoSansMono-Regular/);
  });

  it('should set them in the running head too', async () => {
    const paragraph =
      'The corridor carried more freight in every quarter of the year than before. '.repeat(8);
    const value = `---\ntitle: Growth → Decline ≤ Never\nauthor: Test Author\nlang: en\n---\n\n${`${paragraph}\n\n`.repeat(12)}`;
    const file = new VFile({ path: 'head.md', value });
    const article = toArticle(parse(file), file);
    if (!article) throw new Error('invalid front matter');
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'citeproof-symbols-')), 'head.pdf');
    writeFileSync(out, await renderPdf(article));
    const second = spawnSync('pdftotext', ['-f', '2', '-l', '2', out, '-'], { encoding: 'utf8' });
    expect(second.stdout).toContain('GROWTH → DECLINE ≤ NEVER');
  });
});
