import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { toArticle } from '../src/model/article.js';
import { renderPdf } from '../src/editions/pdf/index.js';
import { safeUrl } from '../src/editions/pdf/normalize.js';
import { parse } from '../src/parse/parse.js';
import { root, scratchCopy, seedSlug, seedSource } from './helpers.js';
import {
  contentStreams,
  destinationPages,
  type PdfFacts,
  readPdf,
  structureRoles,
} from './pdf-reader.js';
import { missingInOrder, seedParts, words } from './seed-words.js';

function dehyphenate(text: string): string {
  return text.replace(/-\n/g, '').replace(/\s+/g, ' ');
}

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
    // As pdftotext does, a hyphen at the end of a line joins the word (citeproof never breaks after a real hyphen).
    text = dehyphenate(facts.text.join('\n'));
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

  it('should link every reference to its note on the same page, and each note back to its reference', async () => {
    const pages = await destinationPages(bytes);
    for (const number of [1, 2, 3, 4]) {
      const reference = facts.links.find(
        (link) => link.dest === `note-${number}` && link.page === pages[`ref-${number}`],
      );
      expect(reference, `reference ${number}`).toBeDefined();
      expect(pages[`note-${number}`]).toBe(pages[`ref-${number}`]);
      expect(
        facts.links.some(
          (link) => link.dest === `ref-${number}` && link.page === pages[`note-${number}`],
        ),
      ).toBe(true);
    }
  });

  it('should link the op. cit. note to the note it points to', async () => {
    const pages = await destinationPages(bytes);
    const toNoteOne = facts.links.filter((link) => link.dest === 'note-1');
    // The superscript 1 in the text, and note 4 (“Askeroğlu, op.cit.”) on its own page.
    expect(toNoteOne.length).toBeGreaterThanOrEqual(2);
    expect(toNoteOne.some((link) => link.page === pages['note-4'])).toBe(true);
  });

  it('should be tagged: headings, paragraphs, notes, and the Turkish bio as Turkish', async () => {
    const roles = await structureRoles(bytes);
    const names = new Set(roles.map((role) => role.role));
    for (const role of ['Document', 'H1', 'P', 'Note']) expect(names, role).toContain(role);
    expect(roles.filter((role) => role.role === 'Note')).toHaveLength(4);
    expect(roles.some((role) => role.role === 'P' && role.lang === 'tr')).toBe(true);
  });

  it('should mark Russian and Turkish text as language spans, and running heads and folios as artifacts', () => {
    const streams = contentStreams(bytes);
    expect(streams).toMatch(/\/Span <<\s*\/Lang \(ru\)/);
    expect(streams).toMatch(/\/Span <<\s*\/Lang \(tr\)/);
    expect(streams).toMatch(/\/Artifact <<[^>]*\/Type \/Pagination/);
  });

  it('should hyphenate justified lines, and never leave a line-end hyphen that is part of a word', () => {
    const raw = facts.text.join('\n');
    expect(raw).toMatch(/\p{L}-\n\p{L}/u);
    for (const compound of ['Kazakhstan-France', 'Central Asia-EU', 'Trans-Caspian', 'Abay-Vern']) {
      expect(raw).not.toContain(compound.replace('-', '-\n'));
    }
  });
});

describe('PDF layout of hard cases', () => {
  it('should continue a note too long for its page at the foot of the next page', async () => {
    const long = Array.from({ length: 1000 }, (_, index) => `clause${index}`).join(' ');
    const filler = Array.from(
      { length: 30 },
      () => 'A sentence of body text to fill the page before the note is called.',
    ).join(' ');
    const source = `---\ntitle: Long Note\nauthor: Test Author\nlang: en\n---\n\n${filler}\n\n${filler} Here.[^1]\n\nMore text after it.\n\n[^1]: ${long}\n`;
    const facts = await readPdf(await pdfOf(source));
    const pagesWith = (needle: string): number[] =>
      facts.text.flatMap((page, index) => (dehyphenate(page).includes(needle) ? [index + 1] : []));
    const first = pagesWith('clause0 ')[0] ?? 0;
    const last = pagesWith('clause999')[0] ?? 0;
    expect(first).toBeGreaterThan(0);
    expect(last).toBe(first + 1);
    expect(missingInOrder(facts.text.map(dehyphenate).join(' '), long.split(' '))).toEqual([]);
  });

  it('should put headings in the outline and set Subject and Keywords', async () => {
    const source =
      '---\ntitle: Outline\nauthor: Test Author\nlang: en\nsummary: A short summary.\nkeywords: [energy, trade]\n---\n\n# First part\n\nText.\n\n## A section\n\nText.\n';
    const facts = await readPdf(await pdfOf(source));
    expect(facts.outline).toEqual(['Outline', 'First part', 'A section']);
    expect(facts.info['Subject']).toBe('A short summary.');
    expect(facts.info['Keywords']).toBe('energy, trade');
  });
});

describe('PDF bytes', () => {
  it('should be reproducible: the committed edition, rebuilt in another time zone, is the same bytes', async () => {
    const project = await scratchCopy(path.join(root, 'source'));
    const result = spawnSync(
      process.execPath,
      // The article by name: `build . --out out` would put the output inside the folder read.
      [path.join(root, 'dist', 'cli.js'), 'build', `${seedSlug}.md`, '--out', 'out'],
      {
        cwd: project,
        encoding: 'utf8',
        env: {
          PATH: process.env['PATH'] ?? '',
          XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] ?? '',
          TZ: 'Pacific/Kiritimati',
        },
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
