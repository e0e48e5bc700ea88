import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { parseFrontMatter, withoutFrontMatter } from '../src/parse/front-matter.js';
import { captureIo, fixtures, scratchCopy } from './helpers.js';

const project = path.join(fixtures, 'projects', 'plain-gfm');

async function run(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  const io = captureIo([...args, '--format', 'json', '--no-cache'], cwd);
  const code = await main(io);
  return { code, out: io.out() };
}

function ruleIds(json: string): string[] {
  const files = JSON.parse(json) as Array<{ messages: Array<{ ruleId: string }> }>;
  return files.flatMap((file) => file.messages.map((message) => message.ruleId));
}

describe('front matter outside the articles folder', () => {
  it('should check a folder of plain GFM files (TOML, other YAML, none) cleanly', async () => {
    const { code, out } = await run(['check', 'posts'], project);
    expect(ruleIds(out)).toEqual([]);
    expect(code).toBe(0);
  });

  it('should still report a broken citation there, and nothing about the fields', async () => {
    const cwd = await scratchCopy(project);
    await writeFile(
      path.join(cwd, 'posts', 'broken.md'),
      '+++\ndraft = true\n+++\n\nA claim.[^gone]\n',
    );
    const { code, out } = await run(['check', 'posts'], cwd);
    expect(ruleIds(out)).toEqual(['undefined-reference']);
    expect(code).toBe(1);
  });

  it('should report front matter that does not parse there', async () => {
    const cwd = await scratchCopy(project);
    await writeFile(path.join(cwd, 'posts', 'bad.md'), '+++\ntitle = "unclosed\n+++\n\nText.\n');
    const { code, out } = await run(['check', 'posts'], cwd);
    expect(ruleIds(out)).toEqual(['invalid-front-matter']);
    expect(code).toBe(1);
  });

  it('should require the publishing fields when building (build publishes)', async () => {
    const cwd = await scratchCopy(project);
    const { code, out } = await run(['build', 'posts', '--out', 'out'], cwd);
    expect(ruleIds(out).filter((id) => id === 'invalid-front-matter').length).toBeGreaterThan(2);
    expect(code).toBe(1);
  });

  it('should require them in `check` of the folder the `articles` setting names', async () => {
    const cwd = await scratchCopy(project);
    await writeFile(path.join(cwd, 'citeproof.config.json'), '{"articles": "posts"}\n');
    const { code, out } = await run(['check', 'posts'], cwd);
    expect(ruleIds(out)).toContain('invalid-front-matter');
    expect(code).toBe(1);
  });

  it('should require them in `check` of source/ by default', async () => {
    const cwd = await scratchCopy(project);
    await writeFile(path.join(cwd, 'posts', 'x.md'), 'Text.\n');
    const { renameSync } = await import('node:fs');
    renameSync(path.join(cwd, 'posts'), path.join(cwd, 'source'));
    const { code, out } = await run(['check'], cwd);
    expect(ruleIds(out)).toContain('invalid-front-matter');
    expect(code).toBe(1);
  });

  it('should give front matter too deep to read as invalid-front-matter (exit 1), not a parse error', async () => {
    const cwd = await scratchCopy(project);
    const deep = `---\ntitle: A\nauthor: B\nlang: en\nx: ${'['.repeat(3000)}${']'.repeat(3000)}\n---\n\nText.\n`;
    await writeFile(path.join(cwd, 'posts', 'deep.md'), deep);
    const { code, out } = await run(['check', 'posts/deep.md'], cwd);
    expect(ruleIds(out)).toEqual(['invalid-front-matter']);
    expect(code).toBe(1);
  });

  it('should reject an unknown or empty `articles` setting', async () => {
    const cwd = await scratchCopy(project);
    await writeFile(path.join(cwd, 'citeproof.config.json'), '{"articles": ""}\n');
    const io = captureIo(['check', 'posts'], cwd);
    expect(await main(io)).toBe(2);
    expect(io.err()).toMatch(/`articles` must be a folder/);
  });
});

describe('parseFrontMatter', () => {
  it('should read TOML dates as ISO dates and check the fields of a published article', () => {
    const toml = 'title = "A"\nauthor = "B"\nlang = "en"\ndate = 2022-12-01\n';
    expect(parseFrontMatter(toml, { format: 'toml' }).meta).toMatchObject({ date: '2022-12-01' });
    const wrong = parseFrontMatter('title = "A"\nauthor = "B"\nlang = 3\n', { format: 'toml' });
    expect(wrong.problems.map((problem) => [problem.line, problem.reason])).toEqual([
      [3, 'Unexpected `lang` of type number, expected a non-empty string'],
    ]);
  });

  it('should check only that front matter parses when the file is not published', () => {
    expect(parseFrontMatter('layout: post\n', { published: false }).problems).toEqual([]);
    expect(parseFrontMatter('a: [\n', { published: false }).problems).toHaveLength(1);
  });

  it('should leave the lines of the body where they are when front matter is taken out', () => {
    expect(withoutFrontMatter('---\na: 1\n---\nText\n')).toBe('\n\n\nText\n');
    expect(withoutFrontMatter('+++\n+++\nText\n')).toBe('\n\nText\n');
    expect(withoutFrontMatter('---\nno end\n')).toBe('---\nno end\n');
  });
});

describe('a TOML article', () => {
  it('should keep its front matter as written in the Markdown edition, with its notes renumbered', async () => {
    const { VFile } = await import('vfile');
    const { parseAndCheck } = await import('../src/rules/check.js');
    const { toArticle } = await import('../src/model/article.js');
    const { renderMarkdown } = await import('../src/editions/markdown/markdown.js');
    const front = '+++\ntitle = "A"\nauthor = "B"\nlang = "en"\n+++';
    const file = new VFile({
      path: 'toml.md',
      value: `${front}\n\nOne.[^a\\+b] Two.[^a+b]\n\n[^a+b]: Jane Doe, “Two”.\n[^a\\+b]: John Roe, “One”.\n`,
    });
    const tree = await parseAndCheck(file, { today: new Date('2026-11-27') });
    const article = toArticle(tree, file);
    expect(article?.notes.map((note) => [note.number, note.label])).toEqual([
      [1, 'a\\+b'],
      [2, 'a+b'],
    ]);
    const markdown = article ? renderMarkdown(article) : '';
    expect(markdown.startsWith(`${front}\n`)).toBe(true);
    expect(markdown).toContain('One.[^1] Two.[^2]');
    expect(markdown).toContain('[^1]: John Roe, “One”.');
  });
});
