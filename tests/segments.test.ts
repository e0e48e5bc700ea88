import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { micromarkParse, richParse } from '../src/parse/parse.js';
import { splitLines } from '../src/parse/fast-parse.js';
import { type SegmentCounts, segmentStarts, segmentedParse } from '../src/parse/segments.js';
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

/** The documents the segmented parse of `text` gives micromark, its tree checked against micromark's. */
function micromarkDocuments(text: string): string[] {
  const documents: string[] = [];
  const tree = segmentedParse(text, (document) => {
    documents.push(document);
    return micromark(document);
  });
  expectSameTree(tree, micromark(text), text);
  return documents;
}

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

  it('gives micromark the segments whose text the one-pass parser refuses together, as one run', () => {
    // Each image's block is scanned, but its title (in parentheses) is not one the parser takes.
    const text = 'Intro.\n\n![a](x.png (one))\n\n![b](y.png (two))\n\nText.[^1]\n\n[^1]: Entry.\n';
    const documents = micromarkDocuments(text);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toContain('![a](x.png (one))\n\n![b](y.png (two))');
  });

  it('gives micromark only the block whose text could hold an e-mail literal', () => {
    // (An address in a link's text: the one-pass parser leaves its block to micromark.)
    const text =
      'Write to [a@b.org](https://example.org/m).\n\nThen `c@d.org`, in code, and a call.[^1]\n\n[^1]: Entry.\n';
    expect(micromarkDocuments(text)).toEqual(['Write to [a@b.org](https://example.org/m).\n\n']);
  });

  it('parses the segments it took again when micromark finds a label they name', () => {
    // The entry's segment goes to micromark (an e-mail address); the call before it is the
    // one-pass parser's, made first with no entry `n` known.
    for (const text of [
      'Text.[^n] And [a link][n].\n\n[^n]: Write to [a@b.org](https://example.org/m).\n\n[n]: https://example.org/n\n',
      'Text.[^n]\n\n![a](x.png (one)) and [^n]\n\n[^n]: Write to [a@b.org](https://example.org/m).\n',
    ])
      expectSameTree(segmented(text), micromark(text), text);
  });

  it('gives micromark only the text of the paragraphs it cannot model, in containers at any depth', () => {
    // What the one-pass parser models and what it refuses (brackets in link text, a title in
    // parentheses, code over a line ending, `~` and `*` opening nothing, emphasis in emphasis,
    // inline HTML), and what a block does (an address in a link's text: the block goes to
    // micromark).
    const content = fc.constantFrom(
      'Plain words.',
      'A call.[^n] and [b], a reference',
      '[a [b] c](https://example.org/x) and more',
      '![i](x.png (t)) shown',
      'a `code',
      'span` across',
      'about ~30s or ~~x~ y',
      '**a *b* c**',
      '<span>x</span> *em*',
      'hard break  ',
      'hard\\',
      'www.example.org/a',
      'write to [a@b.co](https://example.org/m)',
      '',
      // Paragraphs over the lines of containers, their marks on each line.
      '- a `code\n  span` and ~30s',
      '> a [a [b] c](u)\n> then  \n> more',
      '> - *x* **a *b* c**\n>   y\n>    z',
      '1. a ![i](x.png (t))\n   b\n   c',
      '- a\n  - b `code\n    span` c',
      // And one whose line goes on lazily, inside the outer item only.
      '- a\n  - b `code\n  span` c ~x',
      // And ones in an item after a blank line: no mark on their first line opens the item.
      '- a\n\n  b `code\n  span` ~x',
      '> - a\n>\n>   b `code\n>   span` ~x',
    );
    const prefix = fc.constantFrom(
      '',
      '',
      '- ',
      '  ',
      '> ',
      '> - ',
      '>   ',
      '1. ',
      '   ',
      '  - ',
      '    ',
    );
    // Lines, or blocks of one line apart by a blank line.
    const line = fc
      .tuple(prefix, content, fc.constantFrom('\n', '\n\n'))
      .map(([mark, text, end]) => mark + text + end);
    const document = fc
      .tuple(fc.array(line, { minLength: 1, maxLength: 10 }), fc.boolean())
      .map(
        ([lines, defined]) =>
          `Intro.\n\n${lines.join('')}${defined ? '\n[^n]: Entry.\n\n[b]: https://example.org/b\n' : ''}`,
      );
    const counts: SegmentCounts = { runs: 0, paragraphs: 0, inContainers: 0 };
    let cut = 0;
    let onlyParagraphs = 0;
    fc.assert(
      fc.property(document, (text) => {
        const before = { ...counts };
        const tree = segmentedParse(text, micromark, counts);
        if (!tree) return;
        cut++;
        expectSameTree(tree, micromark(text), text);
        if (counts.runs === before.runs && counts.paragraphs > before.paragraphs) onlyParagraphs++;
      }),
      { seed, numRuns: Number(process.env['FAST_PARSE_RUNS'] ?? 4_000) },
    );
    // With the seed: all 4,000 cut; 476 paragraphs' text given to micromark, 115 of them over
    // the lines of containers; for 85 documents micromark parsed such text and nothing else.
    expect(cut).toBeGreaterThan(3_900);
    expect(counts.paragraphs).toBeGreaterThan(420);
    expect(counts.inContainers).toBeGreaterThan(100);
    expect(onlyParagraphs).toBeGreaterThan(70);
    // ~13 s alone here, over 30 s beside the other test files on two cores: a guard, not a goal.
  }, 180_000);

  it('does not cut between indented code and a quote, whose first line micromark reads as interrupting', () => {
    // micromark takes an item that could not interrupt a paragraph for text there.
    for (const text of [
      'Intro.\n\n    code\n\n> 2. b\n',
      'Intro.\n\n    code\n\n> - \n',
      'Intro.\n\n    code\n\n\n> > 3) c\n',
    ]) {
      // One segment: the article's first line is the only one after a blank line that starts one.
      expect(segmentStarts(text, splitLines(text), 0), text).toHaveLength(1);
      const tree = segmented(text);
      if (tree) expectSameTree(tree, micromark(text), text);
      expectSameTree(richParse(new VFile(text)), micromark(text), text);
    }
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
