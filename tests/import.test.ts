import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parseAndCheck } from '../src/rules/check.js';
import { detectLanguage, importLegacy, slugify } from '../src/import/legacy.js';
import { main } from '../src/cli/main.js';
import { parse } from '../src/parse/parse.js';
import { captureIo, fixtureToday, fixtures, scratchCopy, seedSource } from './helpers.js';
import { missingInOrder, words } from './seed-words.js';

const legacy = (name: string): string =>
  readFileSync(path.join(fixtures, 'import', `${name}.txt`), 'utf8');
const debrisLines = /^(Similar Posts|This post is also available in:.*)$/gmu;

/** The words a reader sees in the legacy text (debris and markers left out), and in the imported article. */
function readerWords(markdownOrText: string, isMarkdown: boolean): string[] {
  if (!isMarkdown) return words(markdownOrText.replace(debrisLines, '').replace(/\[\d+\]/gu, ' '));
  const tree = parse(new VFile(markdownOrText));
  const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0].value : '';
  const title = /^title: (.*)$/mu.exec(yaml)?.[1] ?? '';
  const bio = /^ {2}text: (.*)$/mu.exec(yaml)?.[1] ?? '';
  const body = tree.children.filter(
    (node) => node.type !== 'yaml' && node.type !== 'footnoteDefinition',
  );
  const definitions = tree.children.filter((node) => node.type === 'footnoteDefinition');
  return words(
    [
      title,
      ...body.map((node) => toString(node)),
      ...definitions.map((node) => toString(node)),
      bio,
    ].join(' '),
  );
}

describe('import', () => {
  it('should make the article in source/ from the seed, byte for byte', () => {
    const seed = readFileSync(path.join(fixtures, 'seed', '000_a63a872f8d55b19b.txt'), 'utf8');
    const result = importLegacy(seed);
    expect(result.markdown).toBe(readFileSync(seedSource, 'utf8'));
    expect(result.notes.map((note) => note.reason)).toEqual([
      'Dropped web-page debris “Similar Posts”',
      'Dropped web-page debris “This post is also available in: Türkçe Русский”',
    ]);
  });

  for (const name of ['turkish-bio', 'russian-bio', 'missing-number']) {
    it(`should import ${name}.txt as ${name}.md, keeping every word in order`, () => {
      const result = importLegacy(legacy(name));
      expect(result.markdown).toBe(
        readFileSync(path.join(fixtures, 'import', `${name}.md`), 'utf8'),
      );
      expect(
        missingInOrder(
          readerWords(result.markdown, true).join(' '),
          readerWords(legacy(name), false),
        ),
      ).toEqual([]);
      expect(importLegacy(legacy(name)).markdown).toBe(result.markdown);
    });
  }

  it('should give an article that passes the check, with languages, author and editions found', async () => {
    for (const [name, lang, bioLang, author, translations] of [
      ['turkish-bio', 'en', 'tr', 'Ayşe Yılmaz', ['tr']],
      ['russian-bio', 'ru', 'ru', 'Ольга Кузнецова', ['en', 'tr']],
    ] as const) {
      const { markdown } = importLegacy(legacy(name));
      expect(markdown).toContain(`lang: ${lang}\n`);
      expect(markdown).toContain(`author: ${author}\n`);
      expect(markdown).toContain(`bio:\n  lang: ${bioLang}\n`);
      for (const code of translations) expect(markdown).toContain(`  - lang: ${code}\n`);
      const file = new VFile({ path: `${name}.md`, value: markdown });
      await parseAndCheck(file, { today: fixtureToday });
      expect(file.messages.filter((message) => message.fatal)).toEqual([]);
    }
  });

  it('should cite a reused marker twice, and resolve Turkish and Russian back-references', async () => {
    const { markdown } = importLegacy(legacy('turkish-bio'));
    expect(markdown.match(/\[\^1\](?!:)/gu)).toHaveLength(2);
    const file = new VFile({ path: 'x.md', value: importLegacy(legacy('russian-bio')).markdown });
    await parseAndCheck(file, { today: fixtureToday });
    expect(file.messages.map((message) => message.ruleId)).not.toContain(
      'unresolved-back-reference',
    );
  });

  it('should say what it could not map: a marker with no source, a source with no marker', () => {
    const { notes } = importLegacy(legacy('missing-number'));
    expect(notes.map((note) => `${note.line} ${note.severity} ${note.reason}`)).toEqual([
      '3 warning Marker [3] has no source in the list: kept as the reference [^3], which the check reports',
      '11 warning Source [5] has no marker in the text: kept as an entry nothing cites',
    ]);
  });

  it('should import odd-layout.txt as odd-layout.md and say where each paragraph it could not place went', () => {
    const result = importLegacy(legacy('odd-layout'));
    expect(result.markdown).toBe(
      readFileSync(path.join(fixtures, 'import', 'odd-layout.md'), 'utf8'),
    );
    expect(result.slug).toBe('sanctions-and-their-consequences');
    expect(result.notes.map((note) => `${note.line} ${note.severity} ${note.reason}`)).toEqual([
      '5 info Dropped web-page debris “Share this post:”',
      '7 info Dropped web-page debris “Related Posts”',
      '9 warning Unknown edition language `Klingon` in “This post is also available in: Français Klingon English Français”, not recorded',
      '9 info Dropped web-page debris “This post is also available in: Français Klingon English Français”',
      '26 warning A paragraph after the source list that is not the bio: kept at the end of the body',
      '18 warning A paragraph inside the source list that is not a numbered source: kept in the body',
      '22 warning Source [2] is listed twice: the second kept as [2-2]',
      '22 warning Source [2-2] has no marker in the text: kept as an entry nothing cites',
    ]);
    // Every word a reader sees is kept (the two stray paragraphs move to the end of the body).
    const bag = (words: string[]): string[] => [...words].sort();
    expect(bag(readerWords(result.markdown, true))).toEqual(
      bag(
        readerWords(
          legacy('odd-layout').replace(/^(Share this post:|Related Posts)$/gmu, ''),
          false,
        ),
      ),
    );
  });

  it('should read a text with a byte order mark and CRLF line endings as the same text with LF', () => {
    const text =
      'A Title\n\nA claim.[1]\n\n[1] Jane Doe, “A Book”, Press.\n\nJANE DOE, a writer.\n';
    const windows = `\uFEFF${text.replace(/\n/gu, '\r\n')}`;
    expect(importLegacy(windows)).toEqual(importLegacy(text));
    expect(importLegacy(text.replace(/\n/gu, '\r'))).toEqual(importLegacy(text));
  });

  it('should say when there is no title, no source list or no author to take', () => {
    const { markdown, slug, notes } = importLegacy('\n\n');
    expect(slug).toBe('article');
    expect(markdown).toContain('title: ""\nauthor: ""\n');
    expect(notes.map((note) => `${note.line} ${note.reason}`)).toEqual([
      '1 No title: the first line is empty',
      '1 No author found (expected the bio to start with the name, then a comma): `author` left empty',
    ]);
    const plain = importLegacy('A Title\n\nJust text, no sources.\n\nmore text, lower case.\n');
    expect(plain.markdown).not.toContain('bio:');
    expect(plain.notes.map((note) => note.reason)).toEqual([
      'No author found (expected the bio to start with the name, then a comma): `author` left empty',
    ]);
  });

  it('should fold the white space of every paragraph, source and bio, and keep a U+FEFF inside the text', () => {
    const { markdown } = importLegacy(
      'A Title\n\nOne line  \n  and the next\nand a third.[1] A\uFEFFB.\n\n[1] Jane  Doe,\n  “A  Book”.\n\nJANE  DOE, a  writer.\n',
    );
    expect(markdown).toContain('\nOne line and the next and a third.[^1] A\uFEFFB.\n');
    expect(markdown).toContain('\n[^1]: Jane Doe, “A Book”.\n');
    expect(markdown).toContain('  text: JANE DOE, a writer.\n');
  });

  it('should keep every paragraph of a text with no source list, and none that is empty', () => {
    const { markdown } = importLegacy('A Title\n\n\n\n\nJust text.\n\nMore text, lower case.\n');
    expect(markdown).toBe(
      '---\ntitle: A Title\nauthor: ""\nlang: en\n---\n\nJust text.\n\nMore text, lower case.\n',
    );
  });

  it('should give the first line of a paragraph after blank lines, whatever its length', () => {
    const { notes } = importLegacy(
      'T\n\nA.[1]\n\n[1] S.\n\n\nStray\nparagraph\nhere.\n\n[2] S2.\n',
    );
    expect(notes.map((note) => `${note.line} ${note.reason}`)).toContain(
      '8 A paragraph inside the source list that is not a numbered source: kept in the body',
    );
  });

  it('should read the editions list with or without a space after the colon, and an empty one', () => {
    const notes = (line: string) =>
      importLegacy(`T\n\n${line}\n\nText.\n`).notes.map((note) => note.reason);
    expect(
      importLegacy('T\n\nThis post is also available in:Türkçe\n\nText.\n').markdown,
    ).toContain('translations:\n  - lang: tr\n');
    expect(notes('This post is also available in:')).not.toContainEqual(
      expect.stringMatching(/Unknown edition language/u),
    );
    expect(notes('This post is also available in: Türkçe  Русский')).not.toContainEqual(
      expect.stringMatching(/Unknown edition language/u),
    );
  });

  it('should read an editions list that wraps onto a second line', () => {
    const { markdown, notes } = importLegacy(
      'T\n\nThis post is also available in: Türkçe\nРусский\n\nText.\n',
    );
    expect(markdown).toContain('translations:\n  - lang: tr\n  - lang: ru\n');
    expect(notes.map((note) => note.reason)).not.toContainEqual(
      expect.stringMatching(/Unknown edition language/u),
    );
  });

  it('should not run the last word of a paragraph into the first of the next when it weighs Turkish words', () => {
    // Eight words, one of them the Turkish `ve` opening the second paragraph: 1/8 > 4%.
    const { markdown } = importLegacy('T\n\nThe text ends here\n\nve then more words\n');
    expect(markdown).toContain('\nlang: tr\n');
  });

  it('should take the author from the bio in title case, by the rules of the bio’s language', () => {
    const author = (bio: string): string | undefined =>
      /^author: (.*)$/mu.exec(
        importLegacy(`T\n\nText.[1]\n\n[1] Source.\n\n${bio}\n`).markdown,
      )?.[1];
    expect(author('Aidana BAKTYBEK KYZY, 1999 yılında doğdu ve bir araştırmacıdır.')).toBe(
      'Aidana Baktybek Kyzy',
    );
    expect(author('İSMAİL KILIÇ, bir araştırmacıdır ve bu konuda yazıyor.')).toBe('İsmail Kılıç');
    expect(author('Jane O’Neil-Smith, a writer.')).toBe('Jane O’Neil-Smith');
    expect(author('J. R. R. TOLKIEN X Y, too many names.')).toBe('""');
    expect(author('Jane, one name.')).toBe('""');
  });

  it('should detect languages and make ASCII slugs', () => {
    expect(detectLanguage('Экономика региона столкнулась с новыми ограничениями')).toBe('ru');
    expect(detectLanguage('Halihazırda yüksek lisans eğitimini devam ettirmektedir')).toBe('tr');
    expect(detectLanguage('The Black Sea has become a crossroads')).toBe('en');
    expect(detectLanguage('1999 — 2023')).toBe('en');
    // A share of Turkish letters or of Turkish words is enough.
    expect(detectLanguage(`${'word '.repeat(20)}ş`)).toBe('tr');
    expect(detectLanguage(`${'word '.repeat(30)}ş`)).toBe('en');
    expect(detectLanguage(`${'word '.repeat(20)}ve`)).toBe('tr');
    expect(detectLanguage(`${'word '.repeat(30)}ve`)).toBe('en');
    expect(detectLanguage('Один два three')).toBe('ru');
    // At exactly the thresholds (30% Cyrillic, 1% Turkish letters, 4% Turkish words): not yet.
    expect(detectLanguage('абв abcdefg')).toBe('en');
    expect(detectLanguage(`ş${' abcdefghi'.repeat(11)}`)).toBe('en');
    expect(detectLanguage(`ve${' word'.repeat(24)}`)).toBe('en');
    expect(detectLanguage('Один two three four five')).toBe('en');
    // Words, not white-space runs or the gaps between them, are counted: 1 Turkish word in 24.
    expect(detectLanguage(`ve${'  word'.repeat(23)}`)).toBe('tr');
    expect(slugify('Санкции и их последствия')).toBe('sanktsii-i-ikh-posledstviya');
    expect(slugify('Türkiye’nin Enerji Stratejisi: Yeni bir dönem mi?')).toBe(
      'turkiye-nin-enerji-stratejisi-yeni-bir-donem-mi',
    );
    expect(slugify('İÇİŞLERİ Çağrısı Ёлка Щука')).toBe('icisleri-cagrisi-elka-shchuka');
    expect(slugify('«…»')).toBe('article');
    expect(slugify('Résumé — Ça va')).toBe('resume-ca-va');
  });
});

describe('citeproof import', () => {
  it('should write the article, report what it dropped, and never overwrite an edited file', async () => {
    const folder = await scratchCopy(path.join(fixtures, 'import'), 'legacy');
    const io = captureIo(['import', 'legacy/turkish-bio.txt'], folder);
    expect(await main(io)).toBe(0);
    expect(io.out()).toMatch(/Imported to source\/energy-corridors-and-the-black-sea\.md/);
    expect(io.out()).toMatch(/3:1\s+info\s+Dropped web-page debris “Similar Posts”/);
    const target = path.join(folder, 'source', 'energy-corridors-and-the-black-sea.md');
    expect(readFileSync(target, 'utf8')).toBe(
      readFileSync(path.join(fixtures, 'import', 'turkish-bio.md'), 'utf8'),
    );
    // Importing again gives the same bytes, so it is allowed.
    expect(await main(captureIo(['import', 'legacy/turkish-bio.txt'], folder))).toBe(0);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(target, `${readFileSync(target, 'utf8')}\nAn editor's addition.\n`);
    const again = captureIo(['import', 'legacy/turkish-bio.txt'], folder);
    expect(await main(again)).toBe(2);
    expect(again.out()).toMatch(/exists with other content/);
    expect(readFileSync(target, 'utf8')).toContain("An editor's addition.");
  });
});
