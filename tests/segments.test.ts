import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import { micromarkParse, richParse, slowParse } from '../src/parse/parse.js';
import { segmentedParse } from '../src/parse/segments.js';
import {
  commonmarkExamples,
  document,
  footnoteVariants,
  mutations,
  readmeExamples,
  seed,
} from './differential/inputs.js';
import { expectSameTree } from './same-tree.js';

const root = path.resolve(import.meta.dirname, '..');

function micromark(text: string): Root {
  return slowParse(new VFile(text));
}

/** The segmented tree of `text`, or `undefined` when it leaves the article to micromark. */
function segmented(text: string): Root | undefined {
  return segmentedParse(text, micromark);
}

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Compare the segmented parse with micromark's on each text; how many were cut. */
function compare(inputs: Iterable<{ name: string; text: string }>): number {
  let cut = 0;
  for (const { name, text } of inputs) {
    const tree = segmented(text);
    if (!tree) continue;
    cut++;
    expectSameTree(tree, micromark(text), name);
  }
  return cut;
}

describe("micromark without the literal autolinks' pass where nothing can be linked", () => {
  // Each way GFM's literal autolinks can be spelt: as such, in capitals, through a
  // character reference or an escape, split by markup (no link), or near misses.
  const pieces = [
    'www.example.com',
    'WWW.Example.COM/a',
    'HTTP://example.org',
    // After a bracket, micromark's tokenizer leaves a URL as text and the pass links it.
    '[http://example.org',
    '[HTTP://Example.org',
    'https://example.org/(a)',
    'a@b.co',
    'mail.me@example.org.',
    '&#119;ww.example.com',
    'www&#46;example.com',
    'a&#64;b.co',
    'http&#58;//example.org',
    'a\\@b.co',
    'www\\.example.com',
    'w*ww*.example.com',
    'ww\nw.example.com',
    'wwwexample',
    'htt p://x',
    '[www.example.com](x)',
    '`www.example.com`',
    '<b>www.example.com</b>',
    'plain words',
    '*emphasis*',
    '\n\n',
    '> ',
    '- ',
    '| a |\n| - |\n| b |\n',
  ];
  const text = fc
    .array(fc.constantFrom(...pieces), { maxLength: 8 })
    .map((parts) => parts.join(' '));

  it('should make the tree of the plain parser, link or no link', () => {
    for (const piece of pieces) expectSameTree(micromarkParse(piece), micromark(piece), piece);
    fc.assert(
      fc.property(text, (input) => {
        expectSameTree(micromarkParse(input), micromark(input), input);
      }),
      { seed, numRuns: 300 },
    );
  });
});

describe('the segmented parse makes the tree micromark makes', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'citeproof-segments-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('on every Markdown fixture and source', () => {
    const files = [
      ...markdownFiles(path.join(root, 'tests', 'fixtures')),
      ...markdownFiles(path.join(root, 'source')),
    ];
    const cut = compare(
      files.map((file) => ({ name: path.relative(root, file), text: readFileSync(file, 'utf8') })),
    );
    expect(cut).toBeGreaterThan(50);
  });

  it('on the CommonMark and GFM examples, alone and run together', () => {
    const examples = [...commonmarkExamples(), ...readmeExamples()];
    const all = [...examples, ...footnoteVariants(examples)];
    compare(all);
    // Runs of neighbouring examples: every kind of block before and after every cut.
    const runs = [];
    for (let index = 0; index + 4 <= all.length; index += 2) {
      const group = all.slice(index, index + 4);
      runs.push({
        name: group.map((each) => each.name).join(' + '),
        text: group.map((each) => each.text).join('\n\n'),
      });
    }
    expect(compare(runs)).toBeGreaterThan(300);
  });

  it(`on generated documents (seed ${seed})`, () => {
    expect(compare(mutations(1000, seed))).toBeGreaterThan(300);
  });

  it('on generated documents of many blocks', () => {
    const long = fc
      .array(document, { minLength: 2, maxLength: 5 })
      .map((parts) => parts.join('\n\n'));
    const inputs = fc
      .sample(long, { seed, numRuns: 120 })
      .map((text, index) => ({ name: `long ${seed}/${index}`, text }));
    expect(compare(inputs)).toBeGreaterThan(60);
  }, 600_000);

  it('on articles like real writing, taking most of their text on the one-pass path', () => {
    execFileSync(
      process.execPath,
      [path.join(root, 'bench', 'gen-realistic.mjs'), scratch, '100', '29'],
      {
        stdio: 'ignore',
      },
    );
    const files = markdownFiles(scratch);
    expect(files).toHaveLength(100);
    const cut = compare(
      files.map((file) => ({ name: path.basename(file), text: readFileSync(file, 'utf8') })),
    );
    expect(cut).toBe(100);
  });

  it('cuts the fixtures of tests/fixtures/segments, and leaves the `whole-*` ones to micromark', () => {
    const folder = path.join(root, 'tests', 'fixtures', 'segments');
    const names = readdirSync(folder).filter((name) => name.endsWith('.md'));
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      const text = readFileSync(path.join(folder, name), 'utf8');
      const tree = segmented(text);
      // A cut a code block crosses shows in the run before it, and the article goes whole.
      if (name.startsWith('whole-')) expect(tree, name).toBeUndefined();
      else {
        expect(tree, name).toBeDefined();
        expectSameTree(tree, micromark(text), name);
      }
      expectSameTree(richParse(new VFile(text)), micromark(text), name);
    }
  });
});
