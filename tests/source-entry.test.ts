import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FootnoteDefinition } from 'mdast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parse/parse.js';
import { toString } from 'mdast-util-to-string';
import fc from 'fast-check';
import { isBlank, locatorsOf, parseSourceEntry, surnameOf } from '../src/model/source-entry.js';
import { fixtures } from './helpers.js';

function entry(text: string): ReturnType<typeof parseSourceEntry> {
  const tree = parse(new VFile(`Text.[^1]\n\n[^1]: ${text}\n`));
  return parseSourceEntry(tree.children[1] as FootnoteDefinition);
}

describe('parseSourceEntry', () => {
  it('should read the house style into fields, nested quotes included', () => {
    expect(
      entry(
        'Sabir Askeroğlu, “AB’nin “Orta Asya Açılımı” ve Kazakistan’la İlişkileri”, ANKASAM,, (Date of Accession: 01.12.2022).',
      ),
    ).toMatchObject({
      authors: 'Sabir Askeroğlu',
      title: 'AB’nin “Orta Asya Açılımı” ve Kazakistan’la İlişkileri',
      publisher: 'ANKASAM',
      urls: [],
      accessDate: {
        text: '01.12.2022',
        year: 2022,
        month: 12,
        day: 1,
        valid: true,
        label: 'Date of Accession',
      },
    });
  });

  it('should make each run of white space in the text one space: line breaks, tabs, no-break spaces', () => {
    expect(entry('Jane Doe,\n    “A\tTitle”,\u00a0Publisher.').text).toBe(
      'Jane Doe, “A Title”, Publisher.',
    );
    expect(entry('Jane  Doe, “A Title”, Publisher.').text).toBe('Jane Doe, “A Title”, Publisher.');
  });

  it('should read titles in «…» and „…“, URLs, DOIs and ISBNs', () => {
    expect(
      entry(
        'Елена Смирнова, «Санкции», Коммерсантъ, https://example.org/k/1, (дата обращения: 1 декабря 2022).',
      ),
    ).toMatchObject({
      authors: 'Елена Смирнова',
      title: 'Санкции',
      publisher: 'Коммерсантъ',
      urls: ['https://example.org/k/1'],
      accessDate: { month: 12, label: 'дата обращения' },
    });
    expect(entry('Jonas Becker, „Der Titel“, Verlag, doi:10.1000/XYZ.5.')).toMatchObject({
      title: 'Der Titel',
      doi: '10.1000/xyz.5',
    });
    expect(entry('Ann Poe, “A Book”, ISBN 978-3-16-148410-0.')).toMatchObject({
      isbn: '9783161484100',
    });
  });

  it('should recognise back-references and the author they name', () => {
    expect(entry('Askeroğlu, op.cit.').backReference).toEqual({
      kind: 'op-cit',
      marker: 'op.cit.',
      author: 'Askeroğlu',
    });
    expect(entry('Ibid., p. 4.').backReference).toMatchObject({ kind: 'ibid' });
    expect(entry('Yılmaz, a.g.e., s. 12.').backReference).toMatchObject({
      kind: 'op-cit',
      author: 'Yılmaz',
    });
    expect(entry('Там же. С. 5.').backReference).toMatchObject({ kind: 'ibid' });
    expect(entry('Смирнова, Указ. соч.').backReference).toMatchObject({
      kind: 'op-cit',
      author: 'Смирнова',
    });
    expect(entry('Smith, loc. cit.').backReference).toMatchObject({
      kind: 'loc-cit',
      author: 'Smith',
    });
    expect(entry('Jane Doe, “Ibid. in a title”, Publisher.').backReference).toBeUndefined();
  });

  it('should take the surname of the first author', () => {
    expect(surnameOf('Sabir Askeroğlu')).toBe('Askeroğlu');
    expect(surnameOf('Jane Doe and John Roe')).toBe('Doe');
  });
});

describe('the source entries of tests/fixtures/model/entries.md', () => {
  const markdown = readFileSync(path.join(fixtures, 'model', 'entries.md'), 'utf8');
  const expected = JSON.parse(
    readFileSync(path.join(fixtures, 'model', 'entries.expected.json'), 'utf8'),
  ) as Record<string, Record<string, unknown>>;
  // Read in each test, not when the file is collected: Stryker activates a mutant only while
  // a test runs.
  const readEntries = () =>
    new Map(
      parse(new VFile(markdown))
        .children.filter((node): node is FootnoteDefinition => node.type === 'footnoteDefinition')
        .map((node) => [node.label ?? node.identifier, parseSourceEntry(node)]),
    );

  it('should read each entry into the fields entries.expected.json gives (null: none)', () => {
    const entries = readEntries();
    expect([...entries.keys()]).toEqual(Object.keys(expected));
    for (const [label, fields] of Object.entries(expected)) {
      const entry = entries.get(label);
      for (const [field, value] of Object.entries(fields)) {
        let actual: unknown = entry?.[field as keyof typeof entry];
        if (field === 'accessDate' && entry?.accessDate) {
          const { text, year, month, day, label: written } = entry.accessDate;
          actual = { text, year, month, day, label: written ?? null };
        }
        expect(actual ?? null, `${label}: ${field}`).toEqual(value);
      }
    }
  });

  it('should place each access date at its text in the entry', () => {
    const entries = readEntries();
    for (const [label, entry] of entries) {
      const date = entry.accessDate;
      if (!date) continue;
      expect(entry.text.slice(date.offset, date.offset + date.text.length), label).toBe(date.text);
    }
  });
});

describe('surnameOf', () => {
  it('should end the first author at a comma with no space after it', () => {
    expect(surnameOf('Jane Doe,John Roe')).toBe('Doe');
  });

  it('should take the last word even when the authors end with a space', () => {
    expect(surnameOf('Jane Doe ')).toBe('Doe');
  });

  it('should drop only a final full stop or comma, not one inside the name', () => {
    expect(surnameOf('Jean St.Clair.')).toBe('St.Clair');
  });
});

describe('isBlank', () => {
  it('should say what `toString(node).trim() === ""` says, on entries of every kind of content (fast-check, fixed seed)', () => {
    const piece = fc.constantFrom(
      ' ',
      '\u00a0',
      '\t',
      '\n   ',
      '&nbsp;',
      '&#32;',
      'a',
      '`code`',
      '` `',
      '<!-- -->',
      '<br>',
      '![]( x)',
      '![ ](x)',
      '![alt](x)',
      '[ ](x)',
      '*  *',
      '**b**',
      '\\',
    );
    let blank = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 5 }), (pieces) => {
        const tree = parse(new VFile(`Text.[^1]\n\n[^1]: ${pieces.join('')}\n`));
        const definition = tree.children.find((node) => node.type === 'footnoteDefinition');
        if (!definition) return;
        const expected = toString(definition).trim() === '';
        expect(isBlank(definition)).toBe(expected);
        if (expected) blank++;
      }),
      { seed: 1202, numRuns: 1500 },
    );
    expect(blank).toBeGreaterThan(100);
  });
});

describe('locatorsOf', () => {
  it('should write each URL as the URL parser writes it, or as it is when it cannot be parsed (fast-check, fixed seed)', () => {
    const label = fc.constantFrom(
      'example',
      'a',
      'xn--nxasmq6b',
      'xn--abc',
      'a-b',
      '0x7f',
      '1',
      '1b',
      'EX',
      'a_b',
      '-a',
      'a-',
      '',
      'ß',
    );
    const segment = fc.constantFrom(
      '',
      'a',
      'b.c',
      '..',
      '.',
      '.x',
      '~u',
      'A',
      'a_b',
      'a%20b',
      '%2e',
      'é',
      'a:b',
    );
    const url = fc
      .tuple(
        fc.constantFrom('http://', 'https://', 'HTTP://', 'ftp://', 'mailto:'),
        fc.array(label, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('', '.', ':80', ':8080'),
        fc.array(segment, { maxLength: 4 }),
        fc.constantFrom('', '?q=1', '#top', '/'),
      )
      .map(
        ([scheme, labels, port, segments, end]) =>
          `${scheme}${labels.join('.')}${port}${segments.map((each) => `/${each}`).join('')}${end}`,
      );
    fc.assert(
      fc.property(url, (written) => {
        let parsed = written;
        try {
          parsed = new URL(written).href;
        } catch {
          // Kept as written.
        }
        expect([...locatorsOf({ text: '', urls: [written] })]).toEqual([parsed]);
      }),
      { seed: 1202, numRuns: 5000 },
    );
  });
});
