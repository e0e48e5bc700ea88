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

  it('should detect languages and make ASCII slugs', () => {
    expect(detectLanguage('Экономика региона столкнулась с новыми ограничениями')).toBe('ru');
    expect(detectLanguage('Halihazırda yüksek lisans eğitimini devam ettirmektedir')).toBe('tr');
    expect(detectLanguage('The Black Sea has become a crossroads')).toBe('en');
    expect(slugify('Санкции и их последствия')).toBe('sanktsii-i-ikh-posledstviya');
    expect(slugify('Türkiye’nin Enerji Stratejisi: Yeni bir dönem mi?')).toBe(
      'turkiye-nin-enerji-stratejisi-yeni-bir-donem-mi',
    );
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
