import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..', '..');

/** A named input of the differential suite. */
export interface Input {
  name: string;
  text: string;
}

/** The examples of the CommonMark 0.31.2 spec (npm `commonmark-spec`, used as data). */
export function commonmarkExamples(): Input[] {
  const spec = require('commonmark-spec') as { tests: Array<{ markdown: string; number: number }> };
  return spec.tests.map((test) => ({
    name: `commonmark #${test.number}`,
    text: test.markdown.replace(/→/gu, '\t'),
  }));
}

/**
 * The Markdown examples in the readmes of the GFM extensions installed with
 * remark-gfm (the footnote extension's among them), as their packages ship them.
 */
export function readmeExamples(): Input[] {
  const modules = path.join(root, 'node_modules');
  const packages = readdirSync(modules).filter((name) =>
    /^(?:micromark-extension-gfm|mdast-util-gfm|remark-gfm)/u.test(name),
  );
  const inputs: Input[] = [];
  for (const name of packages) {
    let readme: string;
    try {
      readme = readFileSync(path.join(modules, name, 'readme.md'), 'utf8');
    } catch {
      continue;
    }
    let count = 0;
    for (const match of readme.matchAll(/^```(?:markdown|md)\n([\s\S]*?)^```$/gmu)) {
      inputs.push({ name: `${name} readme #${++count}`, text: match[1] ?? '' });
    }
  }
  return inputs;
}

/** Every spec example with its link brackets made footnote brackets (`[foo]` → `[^foo]`). */
export function footnoteVariants(inputs: readonly Input[]): Input[] {
  return inputs
    .filter((input) => input.text.includes('['))
    .map((input) => ({
      name: `${input.name} as footnotes`,
      text: input.text.replace(/\[(?!\^)/gu, '[^'),
    }));
}

// Labels as authors and scrapers write them, and as micromark reads them.
const label = fc.oneof(
  fc.constantFrom(
    '1',
    '2',
    '12',
    'note',
    'Note',
    'NOTE',
    'a+b',
    'a\\+b',
    'a&amp;b',
    'a\\&b',
    'a&b',
    '*note*',
    '_note_',
    '**b**',
    '`code`',
    '`a`b',
    'www.example.com',
    'https://example.com',
    'http://x.org/a',
    '<b>',
    '<https://x.org>',
    'Straße',
    'STRASSE',
    'İ',
    'i̇',
    'ǅ',
    'ﬀ',
    'ẞ',
    'ß',
    'a\u00a0b',
    'a\u3000b',
    'a\\]b',
    'a\\[b',
    'a\\\\',
    'a\\',
    '\\',
    'a]b',
    'a b',
    'a\tb',
    '~~x~~',
    'x~y',
    '&#42;',
    '&#x2A;',
    '&copy;',
    'a&#32;b',
    '^',
    '^1',
    '!',
    'a|b',
    'a\\|b',
    'a(b)',
    '1.',
    '-',
    'x'.repeat(999),
    'x'.repeat(1000),
    `${'é'.repeat(499)}x`,
    '😀',
    'a😀'.repeat(333),
    'foo@bar.com',
  ),
  fc.stringMatching(/^[a-zA-Z0-9*_`\\&;#<>.:/~^!|()@ -]{1,8}$/u),
);

const wrap = fc.constantFrom(
  (x: string) => x,
  (x: string) => `*${x}*`,
  (x: string) => `**${x}**`,
  (x: string) => `_${x}_`,
  (x: string) => `~~${x}~~`,
  (x: string) => `[${x}](https://example.com)`,
  (x: string) => `[${x}][ref]`,
  (x: string) => `[link ${x}]`,
  (x: string) => `![${x}](image.png)`,
  (x: string) => `!${x}`,
  (x: string) => `\\${x}`,
  (x: string) => `\\\\${x}`,
  (x: string) => `\`${x}\``,
  (x: string) => `\`\`${x}\``,
  (x: string) => `<span>${x}</span>`,
  (x: string) => `<${x}>`,
  (x: string) => `&amp;${x}`,
  (x: string) => `www.example.com/${x}`,
  (x: string) => `https://example.com/${x}`,
  (x: string) => `${x}(https://example.com)`,
  (x: string) => `${x}[x]`,
  (x: string) => `${x}:`,
  (x: string) => `word${x}word`,
  (x: string) => `[${x}`,
);

const call = fc.tuple(label, wrap).map(([text, wrapped]) => wrapped(`[^${text}]`));

const line = fc
  .array(
    fc.oneof(
      call,
      fc.constantFrom('Text.', 'A claim', ' ', '*', '_', '[', ']', '\\', '`', '|', '\t'),
    ),
    {
      minLength: 1,
      maxLength: 5,
    },
  )
  .map((parts) => parts.join(''));

const block = fc.oneof(
  line,
  line.map((x) => `# ${x}`),
  line.map((x) => `${x}\n===`),
  line.map((x) => `> ${x}`),
  line.map((x) => `> ${x}\n> ${x}`),
  line.map((x) => `- ${x}`),
  line.map((x) => `1. ${x}\n2. ${x}`),
  line.map((x) => `- [ ] ${x}`),
  line.map((x) => `| a | b |\n| - | - |\n| ${x} | c |`),
  line.map((x) => `    ${x}`),
  line.map((x) => `\`\`\`\n${x}\n\`\`\``),
  line.map((x) => `<div>\n${x}\n</div>`),
  line.map((x) => `${x}\nlazy ${x}`),
  fc.tuple(label, line).map(([text, x]) => `[^${text}]: ${x}`),
  fc.tuple(label, line).map(([text, x]) => `[^${text}]:\n    ${x}`),
  fc.tuple(label, line).map(([text, x]) => `> [^${text}]: ${x}`),
  fc.tuple(label, line).map(([text, x]) => `- [^${text}]: ${x}`),
  label.map((text) => `[^${text}]: Jane Doe, “A Title”.`),
  label.map((text) => `[${text}]: https://example.com`),
  fc.constant('[ref]: https://example.com/ref'),
);

const frontMatter = fc.constantFrom(
  '',
  '---\ntitle: A\n---\n',
  '+++\ntitle = "A"\n+++\n',
  '---\n[^1]: not a note\n---\n',
  '+++\n[^x]\n+++\n',
  '---\n',
  '+++\n',
);

/** A generated document: front matter, then blocks of calls, entries and markup. */
export const document = fc
  .tuple(
    frontMatter,
    fc.array(block, { minLength: 1, maxLength: 6 }),
    fc.constantFrom('\n', '', '\n\n'),
  )
  .map(([front, blocks, end]) => front + blocks.join('\n\n') + end);

/** The fixed seed CI runs with; `DIFFERENTIAL_SEED` and `DIFFERENTIAL_RUNS` change it locally. */
export const seed = Number(process.env['DIFFERENTIAL_SEED'] ?? 13);
export const runs = Number(process.env['DIFFERENTIAL_RUNS'] ?? 200);

/** `count` generated documents from `seed`. */
export function mutations(count = runs, from = seed): Input[] {
  return fc.sample(document, { seed: from, numRuns: count }).map((text, index) => ({
    name: `mutation ${from}/${index}`,
    text,
  }));
}

// Plain articles near the edges of what the fast path takes.
const word = fc.constantFrom('Text', 'claim', 'Ayşe', 'Москва', 'a.b', 'x-y', '42', 'http');
const plainLabel = fc.oneof(
  { arbitrary: fc.constantFrom('1', '2', 'note', 'NOTE', 'Straße', 'İ', 'a.b'), weight: 12 },
  {
    arbitrary: fc.constantFrom(99, 100, 101, 998, 999, 1000).map((length) => 'y'.repeat(length)),
    weight: 1,
  },
);
const sentence = fc
  .array(
    fc.oneof(
      word,
      plainLabel.map((text) => `[^${text}]`),
      plainLabel.map((text) => `[${text}]`),
    ),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((parts) => `${parts.join(' ')}.`);
const plainBlock = fc.oneof(
  sentence,
  sentence.map((text) => `# ${text}`),
  fc
    .array(sentence, { minLength: 1, maxLength: 3 })
    .map((items) => items.map((item) => `- ${item}`).join('\n')),
  fc.tuple(plainLabel, sentence).map(([text, body]) => `[^${text}]: ${body}`),
  plainLabel.map((text) => `[${text}]: https://example.com/${text.length}`),
);

/** A generated plain article (what the fast path is for), with labels near micromark's 999 cap. */
export const plainDocument = fc
  .tuple(
    fc.constantFrom(
      '',
      '---\ntitle: A\n---\n\n',
      '+++\ntitle = "A"\n+++\n\n',
      '---\n---\n',
      '+++\n+++\n',
    ),
    fc.array(plainBlock, { minLength: 1, maxLength: 6 }),
  )
  .map(([front, blocks]) => `${front}${blocks.join('\n\n')}\n`);

/** `count` generated plain articles from `seed`. */
export function plainArticles(count = runs, from = seed): Input[] {
  return fc.sample(plainDocument, { seed: from, numRuns: count }).map((text, index) => ({
    name: `plain ${from}/${index}`,
    text,
  }));
}
