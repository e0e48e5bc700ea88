import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtures, root } from './helpers.js';

const bin = path.join(root, 'dist', 'cli.js');
const frontMatter = '---\ntitle: Hostile\nauthor: Test Author\nlang: en\n---\n\n';

interface Case {
  name: string;
  /** The path given to the CLI, relative to the scratch folder. */
  input: string;
  exitCode: number;
  says: RegExp;
  args?: string[];
}

const cases: Case[] = [
  { name: 'a binary file', input: 'binary.md', exitCode: 2, says: /binary\.md\n.*binary file/ },
  {
    name: 'invalid UTF-8',
    input: 'invalid-utf8.md',
    exitCode: 2,
    says: /invalid-utf8\.md\n.*invalid UTF-8/,
  },
  { name: 'a byte-order mark', input: 'bom.md', exitCode: 0, says: /bom\.md: no issues found/ },
  {
    name: 'an empty file',
    input: 'empty.md',
    exitCode: 1,
    says: /empty\.md\n.*Missing front matter/,
  },
  {
    name: 'YAML that does not parse',
    input: 'bad-yaml.md',
    exitCode: 1,
    says: /bad-yaml\.md\n.*YAML syntax error/,
  },
  {
    name: 'front matter that is not a map',
    input: 'not-a-map.md',
    exitCode: 1,
    says: /not-a-map\.md\n.*not a map/,
  },
  {
    name: 'front matter of wrong types',
    input: 'wrong-types.md',
    exitCode: 1,
    says: /wrong-types\.md\n.*`title` of type list/,
  },
  {
    name: '20,000 nested block quotes',
    input: 'quotes.md',
    exitCode: 2,
    says: /quotes\.md\n.*nested 20000 deep, over the limit of 100/,
  },
  {
    name: '50,000 nested brackets',
    input: 'brackets.md',
    exitCode: 2,
    says: /brackets\.md\n.*brackets nested 50000 deep/,
  },
  {
    name: 'lists nested 1,000 deep',
    input: 'lists.md',
    exitCode: 2,
    says: /lists\.md\n.*nested \d+ deep/,
  },
  {
    name: 'pathological emphasis',
    input: 'emphasis.md',
    exitCode: 0,
    says: /emphasis\.md: no issues found/,
  },
  {
    name: '40,000 footnotes in one file',
    input: 'footnotes.md',
    exitCode: 2,
    says: /footnotes\.md\n.*80000 footnote references and entries, over the limit of 10000/,
  },
  {
    name: '1 MB in a script the fonts lack (Arabic)',
    input: 'arabic.md',
    exitCode: 1,
    // 200 characters named, then one message for the rest: not a report per character.
    says: /arabic\.md\n(?:.*Unexpected character `[^`]+`.*\n){200}.*Unexpected \d+ more characters[^\n]*\n\n✖ 201 errors\n$/,
  },
  {
    name: 'a file over the size limit',
    input: 'huge.md',
    exitCode: 2,
    says: /huge\.md\n.*over the limit of 10485760 bytes/,
  },
  {
    name: 'a missing path',
    input: 'nowhere.md',
    exitCode: 2,
    says: /nowhere\.md\n.*no such file or folder/,
  },
  {
    name: 'an unreadable file (a dangling symlink)',
    input: 'dangling.md',
    exitCode: 2,
    says: /dangling\.md\n.*no such file or folder/,
  },
  {
    name: 'a folder with no articles',
    input: 'empty-folder',
    exitCode: 2,
    says: /empty-folder\n.*no articles/,
  },
  { name: 'a symlink loop', input: 'loop.md', exitCode: 2, says: /loop\.md\n.*symlink loop/ },
  {
    name: 'a folder that links to itself',
    input: 'cycle',
    exitCode: 0,
    says: /cycle\/article\.md: no issues found/,
  },
  {
    name: 'an unknown flag',
    input: 'bom.md',
    args: ['--no-such-flag'],
    exitCode: 2,
    says: /^citeproof: unknown option `--no-such-flag`/,
  },
];

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'citeproof-hostile-'));
  spawnSync('cp', ['-r', `${path.join(fixtures, 'hostile')}/.`, scratch]);
  // Every file here is a published article, so front matter fields are checked too.
  writeFileSync(path.join(scratch, 'citeproof.config.json'), '{"articles": "."}\n');
  writeFileSync(path.join(scratch, 'quotes.md'), `${frontMatter}${'> '.repeat(20_000)}deep\n`);
  writeFileSync(
    path.join(scratch, 'brackets.md'),
    `${frontMatter}${'['.repeat(50_000)}x${']'.repeat(50_000)}\n`,
  );
  writeFileSync(
    path.join(scratch, 'lists.md'),
    frontMatter + Array.from({ length: 1000 }, (_, depth) => `${'  '.repeat(depth)}- x\n`).join(''),
  );
  writeFileSync(
    path.join(scratch, 'emphasis.md'),
    // Four paragraphs (one would be over the 50,000 characters of a paragraph, and
    // 30,000 marks over the article's limit).
    `${frontMatter}${`${'*a **a _a __a '.repeat(1_000)}\n\n`.repeat(4)}`,
  );
  const calls = Array.from({ length: 40_000 }, (_, index) => `claim.[^${index}]`).join(' ');
  const entries = Array.from(
    { length: 40_000 },
    (_, index) => `[^${index}]: Source ${index}, https://example.org/${index}.`,
  ).join('\n');
  writeFileSync(path.join(scratch, 'footnotes.md'), `${frontMatter}${calls}\n\n${entries}\n`);
  writeFileSync(
    path.join(scratch, 'arabic.md'),
    `${frontMatter}${`${'كلمة عربية هنا '.repeat(600)}\n\n`.repeat(60)}`,
  );
  writeFileSync(path.join(scratch, 'huge.md'), `${frontMatter}${'word '.repeat(2_200_000)}\n`);
  symlinkSync('no-such-target.md', path.join(scratch, 'dangling.md'));
  symlinkSync('loop.md', path.join(scratch, 'loop.md'));
  mkdirSync(path.join(scratch, 'empty-folder'));
  mkdirSync(path.join(scratch, 'cycle'));
  writeFileSync(path.join(scratch, 'cycle', 'article.md'), `${frontMatter}Text.\n`);
  symlinkSync('.', path.join(scratch, 'cycle', 'again'));
});

describe('hostile input through the real bin', () => {
  for (const testCase of cases) {
    it(`should answer ${testCase.name} with exit ${testCase.exitCode} and a clear message, within seconds`, () => {
      const result = spawnSync(
        process.execPath,
        [bin, 'check', testCase.input, ...(testCase.args ?? [])],
        {
          cwd: scratch,
          encoding: 'utf8',
          timeout: 20_000,
          env: {
            PATH: process.env['PATH'] ?? '',
            XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] ?? '',
          },
        },
      );
      expect(result.error).toBeUndefined();
      expect(result.status).toBe(testCase.exitCode);
      expect(result.stdout + result.stderr).toMatch(testCase.says);
      expect(result.stdout + result.stderr).not.toMatch(/\n\s+at |RangeError|TypeError/);
    });
  }
});
