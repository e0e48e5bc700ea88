import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { DocxError, importDocx } from '../src/import/docx/index.js';
import { openPackage } from '../src/import/docx/zip.js';
import { parse } from '../src/parse/parse.js';
import { captureIo, fixtures, root, scratchCopy } from './helpers.js';

const docxFixtures = path.join(fixtures, 'import', 'docx');
const bin = path.join(root, 'dist', 'cli.js');
const bytesOf = (name: string): Buffer => readFileSync(path.join(docxFixtures, `${name}.docx`));
const expected = (name: string): string =>
  readFileSync(path.join(docxFixtures, `${name}.md`), 'utf8');

/** The .docx files made by real clients (tests/fixtures/import/docx/clients/make.sh made them). */
const clientFixtures = [
  'en-pandoc',
  'en-libreoffice',
  'tr-pandoc',
  'ru-libreoffice',
  'en-features-libreoffice',
] as const;

/**
 * The words of a document as Word shows it, read from its XML without the
 * importer: each paragraph's `w:t` text (tabs as spaces) in the main
 * document, footnotes and endnotes, leaving out what is not shown (tracked
 * deletions, field instructions, comments, hidden text).
 */
async function documentWords(bytes: Uint8Array): Promise<string[]> {
  const docx = await openPackage(bytes);
  const words: string[] = [];
  try {
    for (const part of ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml']) {
      const xml = new TextDecoder().decode((await docx.read(part, 1e8)) ?? new Uint8Array());
      const shown = xml
        .replace(/<w:del\b[\s\S]*?<\/w:del>/gu, '')
        .replace(/<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:vanish\/>[\s\S]*?<\/w:r>/gu, '')
        // LibreOffice writes a text box twice (the choice and a fallback for old readers).
        .replace(/<mc:Fallback>[\s\S]*?<\/mc:Fallback>/gu, '');
      // A text box's paragraphs sit inside the paragraph it is anchored to.
      for (const paragraph of shown.split(/<\/?w:p[ >]/u)) {
        const text = [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/gu)]
          .map((match) => match[1] ?? ' ')
          .join('')
          .replace(/&amp;/gu, '&')
          .replace(/&lt;/gu, '<')
          .replace(/&gt;/gu, '>')
          .replace(/&quot;/gu, '"')
          .replace(/&apos;/gu, "'");
        words.push(...text.split(/\s+/u).filter(Boolean));
      }
    }
  } finally {
    docx.close();
  }
  return words;
}

/** The text of an article: its front matter, each leaf block's text, the images' alt and title. */
function articleText(markdown: string): string[] {
  const tree = parse(new VFile(markdown));
  const texts: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'yaml') texts.push(node.value);
    else if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell')
      texts.push(toString(node));
    else if (node.type === 'image' && node.title) texts.push(node.title);
  });
  return texts;
}

/** Words of `words` that occur more often than the text has them (empty when every word is kept). */
function missingWords(words: readonly string[], text: string): string[] {
  const needed = new Map<string, number>();
  for (const word of words) needed.set(word, (needed.get(word) ?? 0) + 1);
  return [...needed].filter(([word, count]) => text.split(word).length - 1 < count).map(([w]) => w);
}

describe('importDocx', () => {
  for (const name of clientFixtures) {
    it(`should import ${name}.docx as ${name}.md, byte for byte, twice the same`, async () => {
      const first = await importDocx(bytesOf(name), { figureFolder: name });
      expect(first.markdown).toBe(expected(name));
      const again = await importDocx(bytesOf(name), { figureFolder: name });
      expect(again.markdown).toBe(first.markdown);
      expect(again.figures).toEqual(first.figures);
    });

    it(`should keep every word of ${name}.docx, notes included, or say where it went`, async () => {
      const result = await importDocx(bytesOf(name), { figureFolder: name });
      // The article as a reader sees it (front matter, then each block's text), and what the import dropped, named in its notes.
      const text = [...articleText(result.markdown), ...result.notes.map((n) => n.reason)];
      const words = await documentWords(bytesOf(name));
      expect(words.length).toBeGreaterThan(80);
      expect(missingWords(words, text.join('\n'))).toEqual([]);
    });
  }

  it('should make the same article from pandoc and from LibreOffice', async () => {
    const pandoc = await importDocx(bytesOf('en-pandoc'), { figureFolder: 'x' });
    const libreoffice = await importDocx(bytesOf('en-libreoffice'), { figureFolder: 'x' });
    expect(libreoffice.markdown).toBe(pandoc.markdown);
    expect(libreoffice.notes).toEqual(pandoc.notes);
    expect(pandoc.notes).toEqual([
      {
        reason:
          'The first heading “Grain Corridors of the Black Sea” is the title: it is kept as `title` in the front matter, not twice',
        severity: 'info',
      },
      {
        reason:
          'An equation is kept as code in a linear form (`d=d_0+m/(ρA)`): Markdown has no equations',
        severity: 'warning',
        line: 20,
        column: 1,
      },
    ]);
  });

  it('should take front matter from core properties, the Title paragraph or the first heading', async () => {
    const en = await importDocx(bytesOf('en-pandoc'));
    expect(en.slug).toBe('grain-corridors-of-the-black-sea');
    expect(en.markdown).toMatch(
      /^---\ntitle: Grain Corridors of the Black Sea\nauthor: Jane Doe\nlang: en-GB\ndate: 2024-03-15\n---\n/u,
    );
    // The first heading repeats the title: it is not kept twice.
    expect(en.markdown).not.toMatch(/^# /mu);
    // No title or language in the document: the first heading, and the language detected.
    const tr = await importDocx(bytesOf('tr-pandoc'));
    expect(tr.markdown).toMatch(/^title: Türkiye’nin Karadeniz Enerji Stratejisi\n/mu);
    expect(tr.markdown).toMatch(/^lang: tr\n/mu);
    // LibreOffice: the date is the creation date of the core properties.
    const ru = await importDocx(bytesOf('ru-libreoffice'));
    expect(ru.markdown).toMatch(/^lang: ru-RU\ndate: 2024-05-20\nkeywords:\n {2}- Казахстан\n/mu);
  });

  it('should put each footnote and endnote at its place, numbered in order of reference', async () => {
    const { markdown } = await importDocx(bytesOf('ru-libreoffice'));
    expect(markdown).toContain('вырос в три раза.[^1] Порты');
    // The endnote (Word numbers it i) takes its place in the one sequence.
    expect(markdown).toContain('- железнодорожная станция Достык.[^2]\n');
    expect(markdown).toContain('> Средний коридор перестал быть запасным маршрутом.[^3]\n');
    expect(markdown).toContain(
      '[^1]: Асель Нурланова, «Средний коридор после 2022 года», _Евразийский обзор_, <https://example.kz/middle-corridor>,',
    );
  });

  it('should report each loss with its place in the article', async () => {
    const { markdown, notes } = await importDocx(bytesOf('ru-libreoffice'));
    const lines = markdown.split('\n');
    expect(notes.map((n) => `${n.line}:${n.column} ${n.severity} ${n.reason}`)).toEqual([
      'undefined:undefined info The first heading “Транзит через Каспий: новые маршруты Казахстана” is the title: it is kept as `title` in the front matter, not twice',
      '10:1 warning A tracked deletion by Редактор (“почти”) is dropped, as if accepted',
      '10:1 warning A tracked insertion by Редактор (“срочно”) is kept, as if accepted',
      '14:1 warning A comment by Редактор on “Основные узлы” is not imported: “Проверить цифры за 2023 год”',
      '25:9 warning A cell merged across 2 columns (“данные уточняются”) is split: GFM tables cannot merge cells, so the text stays in the first and the others are empty',
      '27:1 info The caption number “Рисунок 1:” is dropped: the editions number figures themselves',
      '33:1 warning A text box (“Врезка: тариф снижен на 15%.”) is not part of the text flow: its text is kept as paragraphs after the paragraph it was anchored to',
    ]);
    expect(lines[9]).toMatch(/^После 2022 года/u);
    expect(lines[13]).toBe('Основные узлы маршрута:');
    expect(lines[24]?.slice(8)).toMatch(/^\| данные уточняются/u);
    expect(lines[26]).toMatch(/^!\[Схема Среднего коридора\]/u);
    expect(lines[32]).toBe('Врезка: тариф снижен на 15%.');
  });

  it('should extract the figures as they are, PNG bytes unchanged', async () => {
    const { figures, markdown } = await importDocx(bytesOf('en-pandoc'));
    expect(figures.map((figure) => figure.name)).toEqual(['figure-1.png']);
    expect(Buffer.from(figures[0]?.bytes ?? [])).toEqual(
      readFileSync(path.join(docxFixtures, 'clients', 'trade.png')),
    );
    expect(markdown).toContain(
      '![Tonnage shipped through the corridor, 2022–2023](grain-corridors-of-the-black-sea/figure-1.png)',
    );
  });
});

describe('citeproof import FILE.docx', () => {
  it('should write the article and its figures, which check clean and build to both editions', async () => {
    const folder = await scratchCopy(docxFixtures, 'in');
    for (const name of clientFixtures.filter((name) => name !== 'en-features-libreoffice')) {
      const io = captureIo(['import', `in/${name}.docx`], folder);
      expect(await main(io)).toBe(0);
      expect(io.out()).toMatch(/info\s+Imported from in\/.*\.docx, with 1 figure in source\//u);
    }
    const written = readdirSync(path.join(folder, 'source')).sort();
    expect(written).toEqual([
      'grain-corridors-of-the-black-sea',
      'grain-corridors-of-the-black-sea.md',
      'tranzit-cherez-kaspii-novye-marshruty-kazakhstana',
      'tranzit-cherez-kaspii-novye-marshruty-kazakhstana.md',
      'turkiye-nin-karadeniz-enerji-stratejisi',
      'turkiye-nin-karadeniz-enerji-stratejisi.md',
    ]);
    const check = captureIo(['check', 'source', '--no-cache'], folder);
    expect(await main(check)).toBe(0);
    expect(check.out()).not.toMatch(/warning|error/u);
    const build = captureIo(['build', 'source', '--no-cache'], folder);
    expect(await main(build)).toBe(0);
    for (const slug of [
      'grain-corridors-of-the-black-sea',
      'tranzit-cherez-kaspii-novye-marshruty-kazakhstana',
      'turkiye-nin-karadeniz-enerji-stratejisi',
    ]) {
      expect(
        readFileSync(path.join(folder, 'output', `${slug}.pdf`))
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      expect(existsSync(path.join(folder, 'output', `${slug}.md`))).toBe(true);
    }
  });

  it('should re-import to the same bytes, and never overwrite an edited article or figure', async () => {
    const folder = await scratchCopy(docxFixtures, 'in');
    const run = async (): Promise<{ code: number; out: string }> => {
      const io = captureIo(['import', 'in/en-pandoc.docx'], folder);
      return { code: await main(io), out: io.out() };
    };
    expect((await run()).code).toBe(0);
    const article = path.join(folder, 'source', 'grain-corridors-of-the-black-sea.md');
    const figure = path.join(folder, 'source', 'grain-corridors-of-the-black-sea', 'figure-1.png');
    const bytes = readFileSync(article);
    expect((await run()).code).toBe(0);
    expect(readFileSync(article)).toEqual(bytes);

    writeFileSync(figure, 'an editor put another picture here');
    const figureChanged = await run();
    expect(figureChanged.code).toBe(2);
    expect(figureChanged.out).toMatch(/figure-1\.png exists with other content/u);

    writeFileSync(figure, readFileSync(path.join(docxFixtures, 'clients', 'trade.png')));
    writeFileSync(article, `${bytes.toString()}\nAn editor's addition.\n`);
    const articleChanged = await run();
    expect(articleChanged.code).toBe(2);
    expect(articleChanged.out).toMatch(
      /grain-corridors-of-the-black-sea\.md exists with other content/u,
    );
    expect(readFileSync(article, 'utf8')).toContain("An editor's addition.");
  });

  it('should put the figures beside an --out FILE.md, in a folder named after it', async () => {
    const folder = await scratchCopy(docxFixtures, 'in');
    const io = captureIo(['import', 'in/tr-pandoc.docx', '--out', 'articles/enerji.md'], folder);
    expect(await main(io)).toBe(0);
    expect(readFileSync(path.join(folder, 'articles', 'enerji.md'), 'utf8')).toContain(
      '](enerji/figure-1.png)',
    );
    expect(existsSync(path.join(folder, 'articles', 'enerji', 'figure-1.png'))).toBe(true);
  });
});

/** Hostile .docx files (tests/fixtures/import/docx/hostile/make.mjs made them): each one clear line, exit 2. */
const hostile: { name: string; reason: RegExp }[] = [
  { name: 'not-a-zip', reason: /not a \.docx: the file is not a zip package/u },
  { name: 'truncated', reason: /not a \.docx: the zip package is truncated or damaged/u },
  { name: 'zip-bomb', reason: /entries inflate to more than 209715200 bytes \(a zip bomb\?\)/u },
  {
    name: 'zip-bomb-lying',
    reason: /word\/document\.xml: inflates past the size the zip declares for it/u,
  },
  { name: 'zip-bomb-entries', reason: /the zip has 2117 entries, over the limit of 2000/u },
  {
    name: 'huge-image',
    reason: /word\/media\/rId24\.png: the picture is 100000×100000 pixels, over the limit/u,
  },
  { name: 'missing-document', reason: /missing part word\/document\.xml/u },
  {
    name: 'missing-footnotes',
    reason: /missing part word\/footnotes\.xml: the text cites footnotes/u,
  },
  { name: 'missing-image', reason: /missing part word\/media\/rId24\.png/u },
  {
    name: 'bad-xml',
    reason: /word\/document\.xml is not well-formed XML: .*\(line 1, column \d+\)/u,
  },
];

describe('README', () => {
  it('should show the real output of its worked example, and the article it writes', async () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Importing Word documents'));
    const shownOutput =
      /\$ npx citeproof import transit\.docx\n([\s\S]*?)\$ npx citeproof check\n/u.exec(
        section,
      )?.[1];
    const shownArticle = /```text\n([\s\S]*?)```/u.exec(section)?.[1];
    const folder = await scratchCopy(docxFixtures, 'in');
    writeFileSync(path.join(folder, 'transit.docx'), bytesOf('ru-libreoffice'));
    const io = captureIo(['import', 'transit.docx'], folder);
    expect(await main(io)).toBe(0);
    const trimmed = (text: string): string => text.replace(/ +$/gmu, '');
    expect(trimmed(shownOutput ?? '')).toBe(trimmed(io.out()));
    expect(shownArticle).toBe(
      readFileSync(
        path.join(folder, 'source', 'tranzit-cherez-kaspii-novye-marshruty-kazakhstana.md'),
        'utf8',
      ),
    );
  });
});

describe('Word features LibreOffice writes', () => {
  it('should say what it dropped or changed: a table of contents, hidden text, a bookmark link, a merged cell', async () => {
    const { notes, markdown } = await importDocx(bytesOf('en-features-libreoffice'));
    expect(
      notes.map((n) => `${n.line ?? '-'}:${n.column ?? '-'} ${n.severity} ${n.reason}`),
    ).toEqual([
      '-:- info A table of contents (“Contents Background 1 Fleet and schedules 1”) is not imported: its entries repeat the headings, and the PDF edition has an outline',
      '11:1 warning Hidden text (“(internal: check with the port)”) is dropped: Word does not show or print it',
      '15:1 info A link to the bookmark `background` inside the document is kept as plain text',
      '17:1 info A table cell has several paragraphs or a list: GFM cells hold one line, so they are joined with spaces',
      '20:1 warning A cell merged with the one above it is split: GFM tables cannot merge cells, so the text stays in the top cell and this one is empty',
    ]);
    // Title and Subtitle paragraphs are front matter; a heading style by outline level is a heading.
    expect(markdown).toMatch(
      /^title: The Caspian Ferry Question\nsubtitle: Notes from Aktau and Baku\n/mu,
    );
    expect(markdown).toContain('\n## Fleet and schedules\n');
    expect(markdown).toContain('\n> A ferry that waits for the wind is a warehouse.[^3]\n');
  });

  it('should leave the defect the document has to the check: a footnote with no text', async () => {
    const folder = await scratchCopy(docxFixtures, 'in');
    expect(await main(captureIo(['import', 'in/en-features-libreoffice.docx'], folder))).toBe(0);
    const check = captureIo(['check', 'source', '--no-cache'], folder);
    expect(await main(check)).toBe(1);
    expect(check.out()).toMatch(
      /26:1-26:6\s+error\s+Unexpected empty source entry `2`.*empty-source/u,
    );
  });
});

describe('citeproof import of a hostile .docx', () => {
  for (const { name, reason } of hostile) {
    it(`should refuse ${name}.docx with one clear line and exit 2, writing nothing`, async () => {
      const folder = await scratchCopy(path.join(docxFixtures, 'hostile'), 'in');
      const io = captureIo(['import', `in/${name}.docx`], folder);
      const started = performance.now();
      expect(await main(io)).toBe(2);
      expect(performance.now() - started).toBeLessThan(5_000);
      const messages = io
        .out()
        .split('\n')
        .filter((line) => /\berror\b/u.test(line));
      // The message, and the summary (`✖ 1 error`).
      expect(messages).toHaveLength(2);
      expect(messages[1]).toMatch(/^\S+ 1 error$/u);
      expect(messages[0]).toMatch(/error\s+Cannot import: /u);
      expect(messages[0]).toMatch(reason);
      expect(existsSync(path.join(folder, 'source'))).toBe(false);
    });
  }

  it('should never crash on a damaged .docx: it imports or says why in one line', async () => {
    const base = bytesOf('en-pandoc');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (changes) => {
          const damaged = Buffer.from(base);
          for (const [at, value] of changes) damaged[at] = value;
          const outcome = await importDocx(damaged).then(
            (result) => result.markdown,
            (error: unknown) => error,
          );
          if (typeof outcome !== 'string') {
            expect(outcome).toBeInstanceOf(DocxError);
            expect((outcome as Error).message).not.toMatch(/\n/u);
          }
        },
      ),
      { numRuns: 60, seed: 19 },
    );
  });

  it('should refuse them through the real bin too, without a stack', async () => {
    const folder = await scratchCopy(path.join(docxFixtures, 'hostile'), 'in');
    for (const name of ['not-a-zip', 'zip-bomb', 'huge-image']) {
      const result = spawnSync(process.execPath, [bin, 'import', `in/${name}.docx`], {
        cwd: folder,
        encoding: 'utf8',
      });
      expect(result.status).toBe(2);
      expect(result.stdout).toMatch(/Cannot import: /u);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at /u);
    }
  });
});
