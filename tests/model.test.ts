import type { FootnoteDefinition } from 'mdast';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { editionsMarker, slugOf, toArticle } from '../src/model/article.js';
import { cloneTree } from '../src/model/clone-tree.js';
import { findDate, isAfter, isRealDate } from '../src/model/dates.js';
import { alsoAvailableIn, baseLanguage, existingEditions } from '../src/model/languages.js';
import { notesOf } from '../src/model/notes.js';
import { parseSourceEntry, surnameOf } from '../src/model/source-entry.js';
import { indexTree } from '../src/model/tree-index.js';
import { unsafeScheme } from '../src/model/url-policy.js';
import { parse } from '../src/parse/parse.js';
import type { ArticleMeta } from '../src/parse/front-matter.js';

const tree = (markdown: string) => parse(new VFile(markdown));
function entry(text: string): ReturnType<typeof parseSourceEntry> {
  return parseSourceEntry(tree(`Text.[^1]\n\n[^1]: ${text}\n`).children[1] as FootnoteDefinition);
}
const numbered = (markdown: string): Array<[string, number, string | undefined]> =>
  notesOf(tree(markdown), markdown).map((note) => [note.label, note.number, note.target?.label]);

describe('dates written in source entries', () => {
  it('should read every form and every month name, in English, Turkish and Russian', () => {
    expect(findDate('on 5/7/2021')).toEqual({
      text: '5/7/2021',
      year: 2021,
      month: 7,
      day: 5,
      valid: true,
      offset: 3,
    });
    expect(findDate('seen 2021-7-5 then')).toMatchObject({
      text: '2021-7-5',
      month: 7,
      day: 5,
      offset: 5,
    });
    expect(findDate('5. Şubat 2021')).toMatchObject({ month: 2, day: 5 });
    expect(findDate('5 ŞUBAT 2021')).toMatchObject({ month: 2 });
    expect(findDate('5 KASIM 2021')).toMatchObject({ month: 11 });
    expect(findDate('Sept. 9, 2021')).toMatchObject({ text: 'Sept. 9, 2021', month: 9, day: 9 });
    expect(findDate('9 sept 2021')).toMatchObject({ month: 9 });
    const names = [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ];
    names.forEach((name, index) => expect(findDate(`3 ${name} 2020`)?.month).toBe(index + 1));
    const russian = [
      'января',
      'февраля',
      'марта',
      'апреля',
      'мая',
      'июня',
      'июля',
      'августа',
      'сентября',
      'октября',
      'ноября',
      'декабря',
    ];
    russian.forEach((name, index) => expect(findDate(`3 ${name} 2020`)?.month).toBe(index + 1));
    const turkish = [
      'ocak',
      'şubat',
      'mart',
      'nisan',
      'mayıs',
      'haziran',
      'temmuz',
      'ağustos',
      'eylül',
      'ekim',
      'kasım',
      'aralık',
    ];
    turkish.forEach((name, index) => expect(findDate(`3 ${name} 2020`)?.month).toBe(index + 1));
  });

  it('should read an English month name written in capitals (no Turkish dotless i in it)', () => {
    expect(findDate('5 APRIL 2021')).toMatchObject({ month: 4, day: 5 });
    expect(findDate('MAYIS 5, 2021')).toMatchObject({ month: 5 });
  });

  it('should take the date written first when several forms match', () => {
    expect(findDate('2020-01-02 and 03.04.2021')).toMatchObject({ year: 2020, month: 1, day: 2 });
    expect(findDate('03.04.2021 and 2020-01-02')).toMatchObject({ year: 2021, month: 4, day: 3 });
    expect(findDate('1 May 2020, 2021-02-03')).toMatchObject({ year: 2020, month: 5 });
    expect(findDate('no date here')).toBeUndefined();
    expect(findDate('12.2022')).toBeUndefined();
  });

  it('should know the real calendar dates at their edges', () => {
    expect(isRealDate(2023, 2, 28)).toBe(true);
    expect(isRealDate(2023, 2, 29)).toBe(false);
    expect(isRealDate(2024, 12, 31)).toBe(true);
    expect(isRealDate(2024, 1, 1)).toBe(true);
    expect(isRealDate(2024, 13, 1)).toBe(false);
    expect(isRealDate(2024, 0, 1)).toBe(false);
    expect(isRealDate(2024, 1, 0)).toBe(false);
    expect(isRealDate(2024, 4, 31)).toBe(false);
  });

  it('should put the future after the end of today at UTC+14, to the day', () => {
    const early = new Date('2026-11-27T09:00:00Z'); // 23:00 on the 27th at UTC+14
    expect(isAfter(findDate('27.11.2026')!, early)).toBe(false);
    expect(isAfter(findDate('28.11.2026')!, early)).toBe(true);
    expect(isAfter(findDate('27.12.2026')!, early)).toBe(true);
    expect(isAfter(findDate('27.11.2027')!, early)).toBe(true);
    expect(isAfter(findDate('26.11.2026')!, early)).toBe(false);
  });
});

describe('source entries read into fields', () => {
  it('should find the access date after its label, or closing the entry in parentheses', () => {
    expect(entry('Jane Doe, “T”, P, Accessed on: 1 May 2020.').accessDate).toMatchObject({
      label: 'Accessed on',
      text: '1 May 2020',
      offset: 31,
    });
    expect(entry('Jane Doe, “T”, P, (01.05.2020).').accessDate).toMatchObject({
      text: '01.05.2020',
      offset: 19,
    });
    expect(entry('Jane Doe, “T”, P, Retrieved 01.05.2020.').accessDate).toMatchObject({
      label: 'Retrieved',
    });
    // A date far after the label is not the access date; nor is one inside other words.
    expect(entry('Jane Doe, “T”, Accessed when it was 01.05.2020.').accessDate).toBeUndefined();
    expect(entry('Jane Doe, “T”, (published 01.05.2020).').accessDate).toBeUndefined();
    expect(entry('Jane Doe, “T”, (01.05.2020) and more.').accessDate).toBeUndefined();
  });

  it('should read authors, title and publisher, and no publisher from a URL, a date or a parenthesis', () => {
    expect(entry('Jane Doe, “A Title”, The Press, 2020.')).toMatchObject({
      authors: 'Jane Doe',
      title: 'A Title',
      publisher: 'The Press',
    });
    expect(entry('“A Title”, https://example.org/a.')).not.toHaveProperty('publisher');
    expect(entry('“A Title”, www.example.org.')).not.toHaveProperty('publisher');
    expect(entry('“A Title”, Accessed: 01.05.2020.')).not.toHaveProperty('publisher');
    expect(entry('“A Title”, (01.05.2020).')).not.toHaveProperty('publisher');
    expect(entry('“A Title”.')).not.toHaveProperty('authors');
    expect(entry('Jane Doe, "Straight Quotes", Press.')).toMatchObject({
      title: 'Straight Quotes',
    });
    // The title that opens first wins, whatever its quotes.
    expect(entry('Jane Doe, «Guillemets», “Later”, Press.')).toMatchObject({ title: 'Guillemets' });
    expect(entry('Jane Doe, “First”, «Later», Press.')).toMatchObject({ title: 'First' });
    // Without a title: the first comma-separated part is the author, if there is a rest.
    expect(entry('Jane Doe, Press, 2020.')).toMatchObject({ authors: 'Jane Doe' });
    expect(entry('Only words')).not.toHaveProperty('authors');
  });

  it('should collect links and bare URLs once, with trailing punctuation trimmed', () => {
    expect(entry('Doe, “T”, see https://example.org/x, https://example.org/x.').urls).toEqual([
      'https://example.org/x',
      'https://example.org/x',
    ]);
    expect(entry('Doe, “T”, [the site](https://example.org/z).').urls).toEqual([
      'https://example.org/z',
    ]);
    expect(entry('Doe, “T”, see https://example.org/y; and mailto:a@example.org.').urls).toEqual(
      expect.arrayContaining(['https://example.org/y', 'mailto:a@example.org']),
    );
    expect(entry('Doe, “T”, doi:10.1234/ABC.def).').doi).toBe('10.1234/abc.def');
    expect(entry('Doe, “T”, ISBN-13: 978 3 16 148410 0.').isbn).toBe('9783161484100');
    expect(entry('Doe, “T”, ISBN 0-306-40615-2.').isbn).toBe('0306406152');
  });

  it('should name the back-reference and its author, in every spelling', () => {
    expect(entry('Doe, op. cit., p. 3.').backReference).toEqual({
      kind: 'op-cit',
      marker: 'op. cit.',
      author: 'Doe',
    });
    expect(entry('Idem.').backReference).toEqual({ kind: 'idem', marker: 'Idem.' });
    expect(entry('Ibidem, 4.').backReference).toMatchObject({
      kind: 'ibid',
      marker: 'Ibidem,'.slice(0, 6),
    });
    expect(entry('A.e., 4.').backReference).toMatchObject({ kind: 'ibid' });
    expect(entry('Doe, loc cit').backReference).toMatchObject({ kind: 'loc-cit', author: 'Doe' });
    expect(entry('Topcit, 4.').backReference).toBeUndefined();
  });

  it('should take the surname of the first author, whatever joins the authors', () => {
    expect(surnameOf('Ali Yılmaz ve Ayşe Kaya')).toBe('Yılmaz');
    expect(surnameOf('Иван Петров и Пётр Иванов')).toBe('Петров');
    expect(surnameOf('J. Doe; R. Roe')).toBe('Doe');
    expect(surnameOf('J. Doe & R. Roe')).toBe('Doe');
    expect(surnameOf('Doe, Jane')).toBe('Doe');
    expect(surnameOf('Jane Doe.')).toBe('Doe');
  });
});

describe('notes in order of first reference', () => {
  it('should number body references first, then those inside entries, then entries nothing cites', () => {
    expect(
      numbered(
        'B.[^b] A.[^a] B again.[^b]\n\n[^a]: A, quoting [^c].\n[^b]: B, quoting [^d].\n[^c]: C.\n[^d]: D.\n[^z]: Z.\n[^a]: A twice.\n',
      ),
    ).toEqual([
      ['b', 1, undefined],
      ['a', 2, undefined],
      ['d', 3, undefined],
      ['c', 4, undefined],
      ['z', 5, undefined],
    ]);
  });

  it('should keep the first of two entries with one label', () => {
    const text = 'A.[^a]\n\n[^a]: First.\n[^A]: Second.\n';
    const notes = notesOf(tree(text), text);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.entry.text).toBe('First.');
  });

  it('should resolve ibid. and idem to the note before, and a chain to the source at its end', () => {
    expect(
      numbered(
        'One.[^1] Two.[^2] Three.[^3] Four.[^4] Five.[^5]\n\n[^1]: Jane Doe, “A”, P.\n[^2]: Ibid.\n[^3]: Idem.\n[^4]: John Roe, “B”, P.\n[^5]: Doe, op. cit.\n',
      ),
    ).toEqual([
      ['1', 1, undefined],
      ['2', 2, '1'],
      ['3', 3, '1'],
      ['4', 4, undefined],
      ['5', 5, '1'],
    ]);
  });

  it('should match an op. cit. author by surname, in any case, through back-references', () => {
    expect(
      numbered(
        'One.[^1] Two.[^2] Three.[^3] Four.[^4]\n\n[^1]: Sabir ASKEROĞLU, “A”, P.\n[^2]: Ibid.\n[^3]: Askeroğlu, op. cit.\n[^4]: Nobody, op. cit.\n',
      ),
    ).toEqual([
      ['1', 1, undefined],
      ['2', 2, '1'],
      ['3', 3, '1'],
      ['4', 4, undefined],
    ]);
    expect(numbered('One.[^1]\n\n[^1]: Ibid.\n')).toEqual([['1', 1, undefined]]);
    expect(numbered('One.[^1] Two.[^2]\n\n[^1]: No title here\n[^2]: op. cit.\n')).toEqual([
      ['1', 1, undefined],
      ['2', 2, undefined],
    ]);
  });

  it('should number only defined notes, whatever undefined calls come before them', () => {
    expect(numbered('A.[^x] B.[^1]\n\n[^1]: One.\n')).toEqual([['1', 1, undefined]]);
  });

  it('should keep the first reference of a note, not a later one', () => {
    const text = 'First.[^a] Second.[^a]\n\n[^a]: A.\n';
    const [note] = notesOf(tree(text), text);
    expect(note?.firstReference?.position?.start.offset).toBe(text.indexOf('[^a]'));
  });

  it('should match an op. cit. author whose dotted i is written as i and a combining dot', () => {
    expect(
      numbered('One.[^1] Two.[^2]\n\n[^1]: Ahmet Yi\u0307lmaz, “A”, P.\n[^2]: Yilmaz, op. cit.\n'),
    ).toEqual([
      ['1', 1, undefined],
      ['2', 2, '1'],
    ]);
  });

  it('should give the same notes for the same tree (cached) and fresh ones for another', () => {
    const text = 'A.[^a]\n\n[^a]: A.\n';
    const one = tree(text);
    expect(notesOf(one, text)).toBe(notesOf(one, text));
    expect(notesOf(tree(text), text)).not.toBe(notesOf(one, text));
  });
});

describe('the article model', () => {
  it('should make slugs that are safe file names', () => {
    expect(slugOf('source/My Article.md')).toBe('My-Article');
    expect(slugOf('source/Çay ve Şeker.MD')).toBe('Çay-ve-Şeker');
    expect(slugOf('../.hidden.md')).toBe('hidden');
    expect(slugOf('a/--x--.md')).toBe('x');
    expect(slugOf('a/....md')).toBe('article');
    expect(slugOf('a/a.b_c-d.md')).toBe('a.b_c-d');
    expect(slugOf('a/notes.md-draft.md')).toBe('notes.md-draft');
    expect(slugOf('a/two  spaces.md')).toBe('two-spaces');
  });

  it('should read TOML front matter, keep labels as written and resolved targets, and link no edition by default', () => {
    const markdown =
      '+++\ntitle = "T"\nauthor = "A"\nlang = "en"\n[[translations]]\nlang = "tr"\nslug = "t-tr"\n+++\n\nOne.[^a\\+b] Two.[^2]\n\n[^a\\+b]: Jane Doe, “A”, P.\n[^2]: Ibid.\n';
    const file = new VFile({ path: 'source/t.md', value: markdown });
    const article = toArticle(parse(file), file);
    expect(article?.meta.title).toBe('T');
    expect(article?.notes.map((note) => [note.label, note.number, note.target])).toEqual([
      ['a\\+b', 1, undefined],
      ['2', 2, 1],
    ]);
    expect(article?.editions).toEqual([]);
  });

  it('should take the body without front matter, source entries (nested too) or a generated editions list', () => {
    const markdown = `---\ntitle: T\nauthor: A\nlang: en\ntranslations:\n  - lang: tr\n    slug: t-tr\n  - lang: ru\n    slug: t-ru\n    title: По-русски\n  - lang: kk\n---\n\nText.[^a]\n\n> Quoted.[^b]\n>\n> [^b]: Nested.\n\n${editionsMarker}\n\n- [Türkçe](t-tr.md)\n\nAfter.\n\n[^a]: Entry.\n`;
    const file = new VFile({ path: 'source/t.md', value: markdown });
    const article = toArticle(parse(file), file, (slug) => slug !== 'missing');
    expect(article?.slug).toBe('t');
    expect(article?.body.map((node) => node.type)).toEqual([
      'paragraph',
      'blockquote',
      'paragraph',
    ]);
    expect(JSON.stringify(article?.body)).not.toContain('footnoteDefinition');
    expect(article?.notes.map((note) => [note.label, note.number])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect([...(article?.numberOf ?? [])]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(article?.editions).toEqual([
      { lang: 'tr', slug: 't-tr', name: 'Türkçe' },
      { lang: 'ru', slug: 't-ru', name: 'По-русски' },
    ]);
    expect(toArticle(parse(new VFile('No front matter.\n')), new VFile())).toBeUndefined();
  });

  it('should link only editions whose article exists, named in their own language', () => {
    const meta = {
      title: 'T',
      author: 'A',
      lang: 'en',
      translations: [
        { lang: 'fr-CA', slug: 'fr' },
        { lang: 'xx', slug: 'xx' },
        { lang: 'de', slug: 'gone' },
      ],
    } as ArticleMeta;
    expect(existingEditions(meta, (slug) => slug !== 'gone')).toEqual([
      { lang: 'fr-CA', slug: 'fr', name: 'Français' },
      { lang: 'xx', slug: 'xx', name: 'xx' },
    ]);
    expect(
      existingEditions({ title: 'T', author: 'A', lang: 'en' } as ArticleMeta, () => true),
    ).toEqual([]);
    expect(alsoAvailableIn('tr-TR')).toBe('Bu yazı şu dillerde de var');
    expect(alsoAvailableIn('RU')).toBe('Также доступно на языках');
    expect(alsoAvailableIn('de')).toBe('Also available in');
    expect(baseLanguage('EN-gb')).toBe('en');
  });
});

describe('copies of trees', () => {
  it('should copy every fixture tree as structuredClone does, sharing nothing with it', () => {
    const folder = path.resolve(import.meta.dirname, 'fixtures');
    const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter(
      (entry) => entry.isFile() && entry.name.endsWith('.md'),
    );
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const original = tree(readFileSync(path.join(file.parentPath, file.name), 'utf8'));
      const copy = cloneTree(original);
      expect(copy, file.name).toStrictEqual(structuredClone(original));
      expect(JSON.stringify(copy)).toBe(JSON.stringify(original));
      // A deep copy: changing it leaves the original as it was.
      const before = JSON.stringify(original);
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          for (const value of Object.values(node)) walk(value);
          (node as Record<string, unknown>)['changed'] = true;
        }
      };
      walk(copy);
      expect(JSON.stringify(original)).toBe(before);
    }
  });

  it('should keep undefined fields, null and key order', () => {
    const node = { type: 'listItem', checked: null, spread: undefined, children: [] };
    const copy = cloneTree(node);
    expect(Object.keys(copy)).toEqual(['type', 'checked', 'spread', 'children']);
    expect('spread' in copy).toBe(true);
    expect(copy.checked).toBeNull();
    expect(copy.children).not.toBe(node.children);
  });
});

describe('the tree index', () => {
  it('should tell link text from other text, and keep each HTML node with its parent', () => {
    const index = indexTree(
      tree(
        'A [link [^x] text](https://example.org) and [ref][r] <!-- c -->\n\n[r]: https://example.org\n\n<!-- block -->\n',
      ),
    );
    expect(index.texts.map(({ node, inLink }) => [node.value.trim(), inLink])).toEqual([
      ['A', false],
      ['link [^x] text', true],
      ['and', false],
      ['ref', true],
      ['', false],
    ]);
    expect(index.html.map(({ node, parent }) => [node.value, parent?.type])).toEqual([
      ['<!-- c -->', 'paragraph'],
      ['<!-- block -->', 'root'],
    ]);
  });
});

describe('the URL policy', () => {
  it('should find a scheme hidden by control characters or white space', () => {
    expect(unsafeScheme('java\tscript:alert(1)')).toBe('javascript');
    expect(unsafeScheme(' \u0000data:text/html,x')).toBe('data');
  });

  it('should take a scheme only at the start, so a relative URL with a colon is safe', () => {
    expect(unsafeScheme('./page:1')).toBeUndefined();
    expect(unsafeScheme('#part:two')).toBeUndefined();
    expect(unsafeScheme('HTTPS://example.org')).toBeUndefined();
  });
});
