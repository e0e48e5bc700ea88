import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FootnoteDefinition } from 'mdast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { labelKey } from '../src/model/labels.js';
import { notesOf } from '../src/model/notes.js';
import { parseSourceEntry } from '../src/model/source-entry.js';
import { parse } from '../src/parse/parse.js';
import { checkFixture, fixtures } from './helpers.js';

// Each test here guards one bug a mutation of the source showed the suite would let ship
// (issue 20); the comment names the mutant it kills.

const rules = path.join(fixtures, 'rules');
const ruleIds = (lines: string[]): string[] =>
  lines.map((line) => (line.split(' ')[2] ?? '').replace(/:$/, ''));

describe('citation bugs the suite once let through', () => {
  // Mutant: the scan of a text node stops after its first undefined `[^x]`.
  it('should report every undefined reference in one text node, not only the first', async () => {
    const { lines } = await checkFixture(
      path.join(rules, 'undefined-reference', 'two-in-one-text.md'),
    );
    expect(lines.filter((line) => line.includes('undefined-reference'))).toHaveLength(2);
    expect(lines.join('\n')).toMatch(/undefined source `x`[\s\S]*undefined source `y`/);
  });

  // Mutant: only references in the body count as citing; those inside entries are ignored.
  it('should count a reference inside another source entry as citing that entry', async () => {
    const { lines } = await checkFixture(
      path.join(rules, 'unused-source', 'cited-from-an-entry.md'),
    );
    expect(ruleIds(lines)).not.toContain('unused-source');
  });

  // Mutant: `empty-source` tests the entry's text without trimming it.
  it('should report a source entry holding only a no-break space as empty', async () => {
    const { lines } = await checkFixture(path.join(rules, 'empty-source', 'whitespace-only.md'));
    expect(lines).toEqual([expect.stringMatching(/^10:1-10:13 error empty-source: .*`2`/)]);
  });

  // Mutant: `<=` for `<` in `citation-order`, so two labels of one number (`1`, `01`) clash.
  it('should not report two labels of the same number (`1` then `01`) as out of order', async () => {
    const { lines } = await checkFixture(
      path.join(rules, 'citation-order', 'same-number-twice.md'),
    );
    expect(ruleIds(lines)).not.toContain('citation-order');
  });

  // Mutant: `op. cit.` resolves to the first earlier note by the author instead of the latest.
  it('should resolve `op. cit.` to the latest earlier note by that author', () => {
    const markdown = readFileSync(path.join(fixtures, 'model', 'op-cit-latest.md'), 'utf8');
    const notes = notesOf(parse(new VFile(markdown)), markdown);
    expect(notes.map((note) => [note.label, note.target?.label])).toEqual([
      ['1', undefined],
      ['2', undefined],
      ['3', '2'],
    ]);
  });

  // Mutant: URL trimming keeps a closing parenthesis (`(https://example.org/a)`).
  it('should leave the closing parenthesis out of a URL written in parentheses', async () => {
    const tree = parse(
      new VFile('A.[^1]\n\n[^1]: Jane Doe, “A Title”, Publisher (https://example.org/a).\n'),
    );
    const entry = parseSourceEntry(tree.children[1] as FootnoteDefinition);
    expect(entry.urls).toEqual(['https://example.org/a']);
    // …and so two entries with the same parenthesised URL share one locator, reported once.
    const { lines } = await checkFixture(
      path.join(rules, 'duplicate-locator', 'url-in-parentheses.md'),
    );
    expect(lines).toEqual([expect.stringContaining('locator `https://example.org/a` in')]);
  });

  // Mutant: `labelKey` without its lower-casing (`normalizeIdentifier` upper-cases).
  it('should key a label exactly as mdast writes its identifier (lower case)', () => {
    const markdown = 'A.[^Note] B.[^ÇAY] C.[^STRASSE]\n\n[^Note]: A.\n[^ÇAY]: B.\n[^STRASSE]: C.\n';
    const definitions = parse(new VFile(markdown)).children.filter(
      (node): node is FootnoteDefinition => node.type === 'footnoteDefinition',
    );
    expect(definitions).toHaveLength(3);
    for (const node of definitions) expect(labelKey(node.label ?? '')).toBe(node.identifier);
    expect(labelKey('Note')).toBe('note');
  });
});
