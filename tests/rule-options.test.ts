import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parse/parse.js';
import { check } from '../src/rules/check.js';
import { closest } from '../src/rules/did-you-mean.js';
import { applyMessageControl } from '../src/rules/message-control.js';
import { validateRuleSeverities } from '../src/rules/plugin.js';
import { fixtureToday } from './helpers.js';

/*
 * What the rule fixtures (tests/fixtures/rules) cannot show: the plugin's options, an article
 * read without `readArticle` (no `data.published`), the quick fixes messages carry, and the
 * helpers behind the messages' suggestions.
 */

const frontMatter = '---\ntitle: Fixture\nauthor: Test Author\nlang: en\n---\n\n';

/** The messages of `rule` on `value`, checked with `options`, as `line:column reason`. */
async function messagesOf(
  value: string,
  rule: string,
  options: Parameters<typeof check>[2] = {},
  data: VFile['data'] = {},
): Promise<string[]> {
  const file = new VFile({ path: 'article.md', value, data });
  await check(parse(file), file, { today: fixtureToday, ...options });
  return file.messages
    .filter((message) => message.ruleId === rule)
    .map((message) => `${message.line}:${message.column} ${message.reason}`);
}

describe('published or not (the `published` option and `data.published`)', () => {
  const bare = 'An article without front matter.\n';
  const missing = /^1:1 Missing front matter/u;

  it('should ask a published article for front matter, by default and with `published: true`', async () => {
    for (const options of [{}, { published: true }]) {
      const found = await messagesOf(bare, 'invalid-front-matter', options);
      expect(found, JSON.stringify(options)).toHaveLength(1);
      expect(found[0]).toMatch(missing);
    }
  });

  it('should not ask a draft (`published: false`) for front matter', async () => {
    expect(await messagesOf(bare, 'invalid-front-matter', { published: false })).toEqual([]);
  });

  it("should take the file's own `data.published` over the option", async () => {
    const option = { published: true };
    expect(await messagesOf(bare, 'invalid-front-matter', option, { published: false })).toEqual(
      [],
    );
    const found = await messagesOf(
      bare,
      'invalid-front-matter',
      { published: false },
      {
        published: true,
      },
    );
    expect(found).toHaveLength(1);
  });
});

describe('unsupported-character, where the fixtures cannot reach', () => {
  const draft = { published: false };

  it('should take a soft hyphen (U+00AD) in prose, which the serif has, but not in code', async () => {
    const found = await messagesOf(
      'co\u00adoperation and `co\u00adop`\n',
      'unsupported-character',
      draft,
    );
    expect(found).toEqual([
      '1:21 Unexpected character `\u00ad` (U+00AD) that no embedded PDF font can show, expected a character of the fonts (Latin, Greek, Cyrillic) or words instead',
    ]);
  });

  it('should place a character at the second code unit of the file', async () => {
    const found = await messagesOf('a✓ b\n', 'unsupported-character', draft);
    expect(found.map((line) => line.split(' ')[0])).toEqual(['1:2']);
  });

  it('should show code that starts like an HTML comment, unlike the comment itself', async () => {
    const value = '```\n<!-- ✓ -->\n```\n\n<!-- ✓ -->\n';
    const found = await messagesOf(value, 'unsupported-character', draft);
    expect(found.map((line) => line.split(' ')[0])).toEqual(['2:6']);
  });
});

describe('quick fixes (`actual` and `expected`, applied by `citeproof fix`)', () => {
  it('should offer `[^1]` for a plain `[1]` only when the entry `[^1]` exists', async () => {
    const value = `${frontMatter}Cited plainly.[1] And not defined.[2]\n\n[^1]: Jane Doe, <https://example.org/a>.\n`;
    const file = new VFile({ path: 'article.md', value });
    await check(parse(file), file, { today: fixtureToday });
    const plain = file.messages.filter((message) => message.ruleId === 'plain-citation');
    expect(plain.map((message) => [message.actual, message.expected])).toEqual([
      ['[1]', ['[^1]']],
      [undefined, undefined],
    ]);
  });
});

describe('message control of other tools’ messages', () => {
  it('should drop only citeproof messages in a silenced stretch, and keep those without a line', () => {
    const value = `${frontMatter}<!-- citeproof disable -->\n\nSilenced text.\n`;
    const file = new VFile({ path: 'article.md', value });
    const tree = parse(file);
    const ours = file.message('ours', { line: 9, column: 1 });
    ours.source = 'citeproof';
    const theirs = file.message('theirs', { line: 9, column: 1 });
    theirs.source = 'remark-lint';
    const fileWide = file.message('file-wide');
    fileWide.source = 'citeproof';
    applyMessageControl(tree, file);
    expect(file.messages.map((message) => message.reason)).toEqual(['theirs', 'file-wide']);
  });
});

describe('the warning of an unknown rule id in a comment', () => {
  it("should be citeproof's, a warning, at the comment", async () => {
    const value = `${frontMatter}<!-- citeproof disable unused-sorce -->\n`;
    const file = new VFile({ path: 'article.md', value });
    await check(parse(file), file, { today: fixtureToday });
    expect(
      file.messages.map((message) => [message.source, message.ruleId, message.fatal, message.line]),
    ).toEqual([['citeproof', 'unknown-rule', false, 7]]);
  });
});

describe('closest (the “did you mean” of messages)', () => {
  it('should put the nearest candidate into the template, or give it alone', () => {
    expect(closest('eror', ['warning', 'error'])).toBe('error');
    expect(closest('eror', ['error'], ', did you mean `%s`?')).toBe(', did you mean `error`?');
  });

  it('should take the first of equally near candidates', () => {
    expect(closest('ab', ['ac', 'ad'])).toBe('ac');
  });

  it('should allow an edit distance of a third of the word, at least 2, and less than the word', () => {
    expect(closest('abcdef', ['abcdxy'])).toBe('abcdxy'); // 2 of 6: at the bound
    expect(closest('abcdef', ['abcxyz'])).toBeUndefined(); // 3 of 6
    expect(closest('abcdefghi', ['abcdefxyz'])).toBe('abcdefxyz'); // 3 of 9: a third
    expect(closest('abcdefghi', ['abcdewxyz'])).toBeUndefined(); // 4 of 9
    expect(closest('ab', ['xb'])).toBe('xb'); // 1 of 2
    expect(closest('ab', ['xy'])).toBeUndefined(); // 2 of 2: the whole word
    expect(closest('ab', [])).toBeUndefined();
  });
});

describe('validateRuleSeverities (the `rules` of a configuration)', () => {
  it('should name an unknown rule id, with the nearest id when there is one', () => {
    expect(validateRuleSeverities({ 'unused-sorce': 'error', 'quite-unlike-any': 'off' })).toEqual([
      'unknown rule id `unused-sorce`, did you mean `unused-source`?',
      'unknown rule id `quite-unlike-any`',
    ]);
  });

  it('should name a wrong severity, with the nearest severity when it is a near miss', () => {
    expect(validateRuleSeverities({ 'unused-source': 'eror', 'undefined-reference': 2 })).toEqual([
      'rule `unused-source` has severity `eror`, expected `error`',
      'rule `undefined-reference` has severity `2`, expected off, warning or error',
    ]);
  });
});
