import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { readFlatToml } from '../src/parse/flat-toml.js';
import { markdownFiles } from './differential/trees.js';

const root = path.resolve(import.meta.dirname, '..');

/** What `smol-toml` makes of a block, as plain data; `undefined` on an error. */
function tomlReads(text: string): unknown {
  try {
    return JSON.parse(JSON.stringify(parse(text)));
  } catch {
    return undefined;
  }
}

/** The flat reader either leaves a block alone or reads exactly what `smol-toml` reads. */
function expectSameAsToml(text: string, name: string): boolean {
  const flat = readFlatToml(text);
  if (!flat) return false;
  const reference = tomlReads(text);
  expect(reference, `${name}: smol-toml fails where the flat reader reads`).toBeDefined();
  expect({ name, data: flat }).toEqual({ name, data: reference });
  // Key order too, in each table.
  expect(JSON.stringify(flat), name).toBe(JSON.stringify(reference));
  return true;
}

describe('flat TOML front matter is read as smol-toml reads it', () => {
  it('on the TOML front matter of every Markdown fixture', () => {
    let blocks = 0;
    for (const file of markdownFiles(path.join(root, 'tests', 'fixtures'))) {
      const match = /^\+\+\+\n([\s\S]*?)\n\+\+\+(?:\n|$)/u.exec(readFileSync(file, 'utf8'));
      if (!match) continue;
      blocks++;
      expectSameAsToml(match[1] as string, path.relative(root, file));
    }
    expect(blocks).toBeGreaterThan(2);
  });

  it('takes what a static site generator writes', () => {
    const text = [
      'path = "2016/09/29/Rust-1.12"',
      'title = "Announcing Rust 1.12: «Toasty»"',
      "authors = ['The Rust Core Team', \"it's us\"]",
      'aliases = []',
      'draft = false',
      'weight = -12',
      '',
      '[extra]',
      'release = true',
      'tags = [ "a" , "b", ]',
    ].join('\n');
    expect(readFlatToml(text)).toEqual({
      path: '2016/09/29/Rust-1.12',
      title: 'Announcing Rust 1.12: «Toasty»',
      authors: ['The Rust Core Team', "it's us"],
      aliases: [],
      draft: false,
      weight: -12,
      extra: { release: true, tags: ['a', 'b'] },
    });
    expect(expectSameAsToml(text, 'site generator')).toBe(true);
  });

  it('on generated blocks of fields, lists and tables, plain and not (fast-check, fixed seed)', () => {
    const key = fc.constantFrom(
      'title',
      'a',
      'b',
      'x-y',
      'z_1',
      '1',
      '__proto__',
      '"q"',
      'a.b',
      ' a',
    );
    const value = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.constantFrom(
          '"plain"',
          '"Ünïcode «x»"',
          '\'literal "x"\'',
          '""',
          "''",
          'true',
          'false',
          '0',
          '42',
          '-7',
          '123456789012345',
          '[]',
          '[ ]',
          '["a", "b"]',
          '[\'a\', "b",]',
          '[ "x" ]',
        ),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          '"a\\"b"',
          '"a\\nb"',
          '"tab\tin"',
          '"open',
          '"a" # comment',
          'True',
          '-0',
          '+1',
          '007',
          '1_000',
          '1234567890123456789',
          '3.14',
          '1979-05-27',
          '1979-05-27T07:32:00Z',
          '["a",,"b"]',
          '[1, 2]',
          '[["a"]]',
          '{ a = 1 }',
          '"""multi"""',
          'bare',
        ),
      },
    );
    const line = fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(key, fc.constantFrom(' = ', '=', '  =  ', ' =\t'), value)
          .map((parts) => parts.join('')),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '',
          '  ',
          '[extra]',
          '[other]',
          '[a.b]',
          '[[list]]',
          '# a comment',
          '[extra] # c',
        ),
      },
    );
    let taken = 0;
    let tables = 0;
    let lists = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const text = lines.join('\n');
        const flat = readFlatToml(text);
        if (!flat) return;
        taken++;
        if (Object.values(flat).some((each) => typeof each === 'object' && !Array.isArray(each)))
          tables++;
        if (JSON.stringify(flat).includes('[')) lists++;
        expectSameAsToml(text, text);
      }),
      { seed: 1201, numRuns: Number(process.env['FLAT_TOML_RUNS'] ?? 4000) },
    );
    // With the seed: 751 taken, 44 with a table, 93 with a list.
    expect(taken).toBeGreaterThan(640);
    expect(tables).toBeGreaterThan(35);
    expect(lists).toBeGreaterThan(78);
  });
});
