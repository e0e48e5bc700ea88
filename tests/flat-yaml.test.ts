import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDocument } from 'yaml';
import { parseFrontMatter } from '../src/parse/front-matter.js';
import { readFlatYaml } from '../src/parse/flat-yaml.js';

const root = path.resolve(import.meta.dirname, '..');
const folder = path.join(root, 'tests', 'fixtures', 'flat-yaml');

afterEach(() => {
  vi.unstubAllEnvs();
});

/** What `yaml` makes of a block: its data, and the line of each top-level key; `undefined` on an error. */
function yamlReads(text: string): { data: unknown; lines: Map<string, number> } | undefined {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) return undefined;
  const lines = new Map<string, number>();
  const contents = document.contents;
  if (contents && 'items' in contents) {
    for (const item of contents.items) {
      const key = (item as { key?: { value?: unknown; range?: [number, number, number] } }).key;
      if (typeof key?.value === 'string' && key.range) {
        lines.set(key.value, text.slice(0, key.range[0]).split('\n').length);
      }
    }
  }
  return { data: document.toJS(), lines };
}

/** The flat reader either leaves a block alone or reads exactly what `yaml` reads. */
function expectSameAsYaml(text: string, name: string): boolean {
  const flat = readFlatYaml(text);
  if (!flat) return false;
  const reference = yamlReads(text);
  expect(reference, `${name}: yaml fails where the flat reader reads`).toBeDefined();
  expect({ name, data: flat.data }).toEqual({ name, data: reference?.data });
  expect(Object.keys(flat.data), name).toEqual(Object.keys(reference?.data as object));
  expect({ name, lines: flat.lines }).toEqual({ name, lines: reference?.lines });
  return true;
}

function frontMatterOf(markdown: string): string | undefined {
  const match = /^---\n([\s\S]*?)\n---(?:\n|$)/u.exec(markdown);
  return match?.[1];
}

function markdownFiles(at: string): string[] {
  return readdirSync(at, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('flat front matter is read as yaml reads it', () => {
  it('takes the fixtures of plain string fields and leaves the `falls-back-*` ones to yaml', () => {
    const names = readdirSync(folder).filter((name) => name.endsWith('.yaml'));
    expect(names.length).toBeGreaterThan(12);
    for (const name of names) {
      // Front matter reaches the reader without the newline before the closing `---`.
      const text = readFileSync(path.join(folder, name), 'utf8').replace(/\n$/u, '');
      expect(expectSameAsYaml(text, name), name).toBe(!name.startsWith('falls-back-'));
    }
  });

  it('on the front matter of every Markdown fixture and source article', () => {
    const files = [
      ...markdownFiles(path.join(root, 'tests', 'fixtures')),
      ...markdownFiles(path.join(root, 'source')),
    ];
    let taken = 0;
    let blocks = 0;
    for (const file of files) {
      const text = frontMatterOf(readFileSync(file, 'utf8'));
      if (text === undefined) continue;
      blocks++;
      if (expectSameAsYaml(text, path.relative(root, file))) taken++;
    }
    // Both paths are exercised: most blocks are flat, some have lists, maps or errors.
    expect(taken).toBeGreaterThan(30);
    expect(taken).toBeLessThan(blocks);
  });

  it('on generated blocks of awkward keys and values (fast-check, fixed seed)', () => {
    const pieces = [
      'a',
      'Z',
      'ş',
      'ö',
      'Ж',
      ' ',
      ',',
      '.',
      ':',
      ': ',
      '#',
      ' #',
      '-',
      '?',
      '[',
      ']',
      '{',
      '}',
      '"',
      "'",
      '\\',
      '&',
      '*',
      '!',
      '|',
      '>',
      '%',
      '@',
      '`',
      '~',
      '0',
      '1',
      '7',
      'e',
      'E',
      '+',
      'x',
      'o',
      'true',
      'False',
      'NULL',
      'null',
      '.inf',
      '.NaN',
      '0x1F',
      '0o17',
      '1e5',
      '2022-02-15',
      '\t',
      '\r',
      '\u2028',
      '\ufeff',
      '\u0085',
    ];
    const piece = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('a', 'Ж', 'ş', ' ', 'x1') },
      { weight: 2, arbitrary: fc.constantFrom(...pieces) },
    );
    const value = fc.array(piece, { maxLength: 5 }).map((parts) => parts.join(''));
    const quoted = fc.tuple(fc.constantFrom('', '"', "'"), value).map(([q, v]) => `${q}${v}${q}`);
    const key = fc.constantFrom(
      'title',
      'author',
      'lang',
      'date',
      'a-b',
      '_x',
      'null',
      'true',
      'y',
    );
    const line = fc
      .tuple(key, fc.constantFrom(': ', ': ', ': ', ': ', ':', ':  ', ' : '), quoted)
      .map(([k, sep, v]) => `${k}${sep}${v}`);
    let taken = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 3 }), (lines) => {
        if (expectSameAsYaml(lines.join('\n'), JSON.stringify(lines))) taken++;
      }),
      { seed: 20261201, numRuns: 4000 },
    );
    // The generator reaches the flat reader often enough to prove something.
    expect(taken).toBeGreaterThan(400);
  });

  it('gives the same verdict on the front matter with the switch off', () => {
    for (const name of readdirSync(folder)) {
      const text = readFileSync(path.join(folder, name), 'utf8').replace(/\n$/u, '');
      const fast = parseFrontMatter(text);
      vi.stubEnv('CITEPROOF_YAML', 'yaml');
      const plain = parseFrontMatter(text);
      vi.unstubAllEnvs();
      expect({ name, ...fast }).toEqual({ name, ...plain });
    }
  });
});
