import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { toArticle } from '../src/article.js';
import { renderPdf } from '../src/editions/pdf/index.js';
import { safeUrl } from '../src/editions/pdf/normalize.js';
import { parse } from '../src/parse.js';
import { root, scratchCopy, seedSlug, seedSource } from './helpers.js';
import { type PdfFacts, readPdf } from './pdf-reader.js';
import { missingInOrder, seedParts, words } from './seed-words.js';

async function pdfOf(value: string, env: Record<string, string> = {}): Promise<Buffer> {
  const file = new VFile({ path: 'article.md', value });
  const tree = parse(file);
  const article = toArticle(tree, file);
  if (!article) throw new Error('invalid front matter');
  return renderPdf(article, env);
}

describe('PDF edition of the seed', () => {
  let bytes: Buffer;
  let facts: PdfFacts;
  let text: string;
  beforeAll(async () => {
    bytes = await pdfOf(readFileSync(seedSource, 'utf8'));
    facts = await readPdf(bytes);
    text = facts.text.join('\n').replace(/\s+/g, ' ');
  });

  it('should have every word of the title, body, sources and bio in order', () => {
    const seed = seedParts();
    expect(missingInOrder(text, words(`${seed.title} ${seed.body}`))).toEqual([]);
    expect(missingInOrder(text, seed.sources.flatMap(words))).toEqual([]);
    expect(missingInOrder(text, words(seed.bio))).toEqual([]);
  });

  it('should keep Turkish and Cyrillic text intact', () => {
    expect(text).toContain(
      'Токаев: «90% торговли Франции с Центральной Азией приходится на Казахстан»',
    );
    expect(text).toContain(
      'В рамках визита президента Казахстана во Францию подписан ряд документов',
    );
    expect(text).toContain(
      'Sabir Askeroğlu, “AB’nin “Orta Asya Açılımı” ve Kazakistan’la İlişkileri”',
    );
    expect(text).toContain("Bişkek'te doğmuştur");
    expect(text).toContain('Hacı Bayram Veli Üniversitesi');
  });

  it('should set Title and Author metadata and the document language', () => {
    expect(facts.info['Title']).toBe('New Developments in Kazakhstan-France Relations');
    expect(facts.info['Author']).toBe('Aidana Baktybek Kyzy');
    expect(facts.info['Language']).toBe('en');
  });

  it('should embed every font as a subset, and use no standard font', () => {
    const raw = bytes.toString('latin1');
    const descriptors = raw.match(/\/Type \/FontDescriptor/g) ?? [];
    expect(descriptors.length).toBeGreaterThan(0);
    expect((raw.match(/\/FontFile2 /g) ?? []).length).toBe(descriptors.length);
    expect(raw).not.toMatch(/\/Subtype \/Type1/);
    const baseFonts = [...raw.matchAll(/\/BaseFont \/(\S+)/g)].map((match) => match[1]);
    expect(baseFonts.length).toBeGreaterThan(0);
    for (const name of baseFonts) expect(name).toMatch(/^[A-Z]{6}\+NotoSerif-/);
  });

  it('should link every note number to its note and back', () => {
    const destinations = Object.keys(facts.destinations).sort();
    const internal = facts.links.flatMap((link) => (link.dest ? [link.dest] : [])).sort();
    for (const number of [1, 2, 3, 4]) {
      expect(destinations).toContain(`note-${number}`);
      expect(destinations).toContain(`ref-${number}`);
      expect(internal).toContain(`note-${number}`);
      expect(internal).toContain(`ref-${number}`);
    }
  });

  it('should set each note at the foot of the page that cites it', () => {
    const pageOf = (needle: string): number =>
      facts.text.findIndex((page) => page.replace(/\s+/g, ' ').includes(needle));
    expect(pageOf('South and North.1')).toBe(pageOf('1 Sabir Askeroğlu'));
    expect(pageOf('with the EU.4')).toBe(pageOf('4 Askeroğlu, op.cit.'));
  });

  it('should give an outline entry for the title', () => {
    expect(facts.outline[0]).toBe('New Developments in Kazakhstan-France Relations');
  });
});

describe('PDF bytes', () => {
  it('should be reproducible: the committed edition, rebuilt in another time zone, is the same bytes', async () => {
    const project = await scratchCopy(path.join(root, 'source'));
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'dist', 'cli.js'), 'build', '.', '--out', 'out'],
      {
        cwd: project,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '', TZ: 'Pacific/Kiritimati' },
      },
    );
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const rebuilt = readFileSync(path.join(project, 'out', `${seedSlug}.pdf`));
    expect(rebuilt.equals(readFileSync(path.join(root, 'output', `${seedSlug}.pdf`)))).toBe(true);
  });

  it('should take its date from SOURCE_DATE_EPOCH when the article has none, never from the clock', async () => {
    const source = readFileSync(seedSource, 'utf8');
    const first = await pdfOf(source, { SOURCE_DATE_EPOCH: '1669852800' });
    const again = await pdfOf(source, { SOURCE_DATE_EPOCH: '1669852800' });
    expect(first.equals(again)).toBe(true);
    expect((await readPdf(first)).info['CreationDate']).toBe('D:20221201000000Z');
  });

  it('should prefer the article date to SOURCE_DATE_EPOCH', async () => {
    const source = readFileSync(seedSource, 'utf8').replace(
      'lang: en\n',
      'lang: en\ndate: 2022-12-05\n',
    );
    const bytes = await pdfOf(source, { SOURCE_DATE_EPOCH: '1669852800' });
    expect((await readPdf(bytes)).info['CreationDate']).toBe('D:20221205000000Z');
  });
});

describe('links', () => {
  it('should only link http, https and mailto URLs', () => {
    expect(safeUrl('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(safeUrl('mailto:editor@example.org')).toBe('mailto:editor@example.org');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('file:///etc/passwd')).toBeUndefined();
    expect(safeUrl('relative/path')).toBeUndefined();
  });

  it('should make a clickable link only for a safe URL in the PDF', async () => {
    const source = readFileSync(seedSource, 'utf8').replace(
      'at the invitation of',
      'at the [invitation](https://example.org/visit) [of](javascript:alert(1))',
    );
    const facts = await readPdf(await pdfOf(source));
    const urls = facts.links.flatMap((link) => (link.url ? [link.url] : []));
    expect(urls).toEqual(['https://example.org/visit']);
  });
});
