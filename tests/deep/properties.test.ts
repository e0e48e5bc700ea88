import fc from 'fast-check';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { toArticle } from '../../src/model/article.js';
import { parseAndCheck } from '../../src/rules/check.js';
import { renderMarkdown } from '../../src/editions/markdown/markdown.js';
import { loadFonts } from '../../src/editions/pdf/fonts.js';
import { renderPdf } from '../../src/editions/pdf/index.js';
import { fontMeasure, paginate } from '../../src/editions/pdf/layout.js';
import { normalize } from '../../src/editions/pdf/normalize.js';
import { labelKey } from '../../src/model/labels.js';
import { parse } from '../../src/parse/parse.js';
import { readPdf } from '../pdf-reader.js';

const today = new Date('2026-11-27T12:00:00Z');
const label = fc.constantFrom('1', '2', '3', 'a', 'Note', 'NOTE', 'ß', 'SS', 'ünal', 'İ', 'x_y');
const word = fc.constantFrom(
  'policy',
  'Kazakhstan',
  'Türkiye',
  'ığüşöç',
  'Москва',
  'энергия',
  '“quoted”',
  '90%',
  '2022',
  '*',
  '_',
  '\\',
  '`',
  '<',
  '&',
);
const inline = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 2, arbitrary: label.map((each) => `[^${each}]`) },
  { weight: 1, arbitrary: label.map((each) => `\\[^${each}]`) },
  { weight: 1, arbitrary: label.map((each) => `\`[^${each}]\``) },
  {
    weight: 1,
    arbitrary: word.map((each) => `[${each}](https://example.org/${encodeURIComponent(each)})`),
  },
  { weight: 1, arbitrary: fc.constantFrom('[1]', '[1999]', '[ ]', '[!NOTE]', '**bold**', '_em_') },
);
const sentence = fc.array(inline, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(' '));
const block = fc.oneof(
  { weight: 5, arbitrary: sentence },
  { weight: 1, arbitrary: sentence.map((text) => `## ${text}`) },
  {
    weight: 1,
    arbitrary: fc
      .array(sentence, { minLength: 1, maxLength: 3 })
      .map((items) => items.map((item) => `- ${item}`).join('\n')),
  },
  { weight: 1, arbitrary: sentence.map((text) => `> ${text}`) },
  { weight: 1, arbitrary: sentence.map((text) => `\`\`\`\n${text}\n\`\`\``) },
  { weight: 2, arbitrary: fc.tuple(label, sentence).map(([each, text]) => `[^${each}]: ${text}`) },
);
const frontMatter = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constant('---\ntitle: Generated\nauthor: Test Author\nlang: en\n---\n\n'),
  },
  { weight: 1, arbitrary: fc.string().map((text) => `---\n${text}\n---\n\n`) },
  { weight: 1, arbitrary: fc.constant('') },
);
const article = fc
  .tuple(frontMatter, fc.array(block, { minLength: 1, maxLength: 10 }))
  .map(([head, blocks]) => head + blocks.join('\n\n') + '\n');

describe('properties', () => {
  it('should never throw while checking arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })),
        async (text) => {
          const file = new VFile({ path: 'random.md', value: text });
          await parseAndCheck(file, { today });
          for (const message of file.messages) expect(message.source).toBe('citeproof');
        },
      ),
      { seed: 1201, numRuns: 300 },
    );
  });

  it('should never throw while checking Markdown built from footnotes, code, links and front matter', async () => {
    await fc.assert(
      fc.asyncProperty(article, async (text) => {
        const file = new VFile({ path: 'generated.md', value: text });
        await parseAndCheck(file, { today });
        for (const message of file.messages) expect(typeof message.ruleId).toBe('string');
      }),
      { seed: 1201, numRuns: 300 },
    );
  });

  it('should make an idempotent Markdown edition', async () => {
    await fc.assert(
      fc.asyncProperty(article, async (text) => {
        const edition = (value: string): string | undefined => {
          const file = new VFile({ path: 'generated.md', value });
          const tree = parse(file);
          const model = toArticle(tree, file);
          return model ? renderMarkdown(model) : undefined;
        };
        const once = edition(text);
        if (once === undefined) return;
        expect(edition(once)).toBe(once);
      }),
      { seed: 1201, numRuns: 200 },
    );
  });

  it('should make PDFs that load in a PDF parser with the pages the layout planned', async () => {
    const measure = fontMeasure(loadFonts());
    await fc.assert(
      fc.asyncProperty(article, async (text) => {
        const file = new VFile({ path: 'generated.md', value: text });
        const tree = parse(file);
        const model = toArticle(tree, file);
        if (!model) return;
        const planned = paginate(normalize(model), measure).length;
        const facts = await readPdf(await renderPdf(model));
        expect(facts.pages).toBe(planned);
      }),
      { seed: 1201, numRuns: 15 },
    );
  });

  it('should match labels exactly as micromark does', () => {
    const labelText = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
      .filter((text) => !/[\s[\]\\^]/u.test(text));
    const variant = (text: string, how: string, other: string): string =>
      how === 'upper'
        ? text.toUpperCase()
        : how === 'lower'
          ? text.toLowerCase()
          : how === 'same'
            ? text
            : other;
    const pair = fc
      .tuple(labelText, labelText, fc.constantFrom('same', 'upper', 'lower', 'other'))
      .map(([defined, other, how]) => [defined, variant(defined, how, other)] as const)
      .filter(([, cited]) => !/[\s[\]\\^]/u.test(cited));
    let matches = 0;
    fc.assert(
      fc.property(pair, ([defined, cited]) => {
        const tree = parse(new VFile(`Text.[^${cited}]\n\n[^${defined}]: Source.\n`));
        let micromarkMatched = false;
        visit(tree, 'footnoteReference', () => {
          micromarkMatched = true;
        });
        expect(micromarkMatched).toBe(labelKey(defined) === labelKey(cited));
        if (micromarkMatched) matches++;
      }),
      { seed: 1201, numRuns: 500 },
    );
    // Both outcomes were exercised.
    expect(matches).toBeGreaterThan(50);
    expect(matches).toBeLessThan(450);
  });
});
