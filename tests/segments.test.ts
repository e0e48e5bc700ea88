import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { micromarkParse, richParse } from '../src/parse/parse.js';
import { seed } from './differential/inputs.js';
import { compareSegmented, markdownFiles, micromark, segmented } from './differential/trees.js';
import { root } from './helpers.js';
import { expectSameTree } from './same-tree.js';

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
  it('on every Markdown fixture and source', () => {
    const files = [
      ...markdownFiles(path.join(root, 'tests', 'fixtures')),
      ...markdownFiles(path.join(root, 'source')),
    ];
    const cut = compareSegmented(
      files.map((file) => ({ name: path.relative(root, file), text: readFileSync(file, 'utf8') })),
    );
    expect(cut).toBeGreaterThan(50);
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
