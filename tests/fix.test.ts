import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkCiteproof from '../src/index.js';
import { fixArticle } from '../src/fix/fix.js';
import { fixtureToday, fixtures, root, seedSource } from './helpers.js';

const bin = path.join(root, 'dist', 'cli.js');
const fixFixtures = path.join(fixtures, 'fix');

/** A project holding copies of `files` under source/; resolves to its folder. */
function projectWith(files: Record<string, string>): string {
  const project = mkdtempSync(path.join(os.tmpdir(), 'citeproof-fix-'));
  mkdirSync(path.join(project, 'source'));
  for (const [name, from] of Object.entries(files))
    copyFileSync(from, path.join(project, 'source', name));
  return project;
}

function run(args: string[], cwd: string, input?: string) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '' },
    ...(input === undefined ? {} : { input }),
  });
}

describe('citeproof fix', () => {
  it('should turn the scrambled seed back into the seed, byte for byte', () => {
    const project = projectWith({ 'seed.md': path.join(fixFixtures, 'seed-scrambled.md') });
    const result = run(['fix'], project);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /Fixed: turned 1 plain citation marker into footnote references; renumbered 4 notes in order of first reference; put the source entries in order of first reference/,
    );
    expect(readFileSync(path.join(project, 'source', 'seed.md'), 'utf8')).toBe(
      readFileSync(seedSource, 'utf8'),
    );
  });

  it('should leave the seed as it is (nothing to fix)', () => {
    const project = projectWith({ 'seed.md': seedSource });
    const before = statSync(path.join(project, 'source', 'seed.md'), { bigint: true });
    const result = run(['fix'], project);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/Fixed/);
    const after = statSync(path.join(project, 'source', 'seed.md'), { bigint: true });
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeNs).toBe(before.mtimeNs);
  });

  it('should fix markers, labels and order and keep every other byte (front matter, spacing, lists)', () => {
    const project = projectWith({ 'mixed.md': path.join(fixFixtures, 'mixed.md') });
    chmodSync(path.join(project, 'source', 'mixed.md'), 0o640);
    const result = run(['fix'], project);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/warning.*plain-citation/); // `[9]` has no entry: left for the author
    expect(readFileSync(path.join(project, 'source', 'mixed.md'), 'utf8')).toBe(
      readFileSync(path.join(fixFixtures, 'mixed.fixed.md'), 'utf8'),
    );
    expect(statSync(path.join(project, 'source', 'mixed.md')).mode & 0o777).toBe(0o640);
  });

  it('should be idempotent', () => {
    const project = projectWith({ 'mixed.md': path.join(fixFixtures, 'mixed.md') });
    run(['fix'], project);
    const once = readFileSync(path.join(project, 'source', 'mixed.md'), 'utf8');
    const result = run(['fix'], project);
    expect(result.stdout).not.toMatch(/Fixed/);
    expect(readFileSync(path.join(project, 'source', 'mixed.md'), 'utf8')).toBe(once);
  });

  it('should refuse an article with errors it cannot fix, leaving it alone', () => {
    const broken = path.join(fixtures, 'projects', 'broken', 'source', 'broken.md');
    const project = projectWith({ 'broken.md': broken });
    const result = run(['fix'], project);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/error.*undefined-reference/);
    expect(result.stdout).toMatch(/Not fixed: an error that fix cannot repair/);
    expect(readFileSync(path.join(project, 'source', 'broken.md'), 'utf8')).toBe(
      readFileSync(broken, 'utf8'),
    );
  });

  it('should fix standard input to standard output with `fix -`', () => {
    const input = readFileSync(path.join(fixFixtures, 'mixed.md'), 'utf8');
    const result = run(['fix', '-', '--stdin-filename', 'source/mixed.md'], os.tmpdir(), input);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(path.join(fixFixtures, 'mixed.fixed.md'), 'utf8'));
  });

  it('should fix every fixture of the rules to a fixed point without new errors', async () => {
    for (const rule of ['citation-order', 'plain-citation']) {
      const text = readFileSync(path.join(fixtures, 'rules', rule, 'not-ok.md'), 'utf8');
      const once = await fixArticle(text, 'a.md', { today: fixtureToday });
      expect(once.refused).toEqual([]);
      expect(once.remaining.filter((message) => message.ruleId === 'citation-order')).toEqual([]);
      const twice = await fixArticle(once.text, 'a.md', { today: fixtureToday });
      expect(twice.text).toBe(once.text);
      expect(twice.fixes).toEqual([]);
    }
  });
});

describe('quick fixes in the plugin', () => {
  it('should attach `actual` and `expected` to a plain citation whose entry exists, as remark-lint does', async () => {
    const file = new VFile({
      path: 'a.md',
      value:
        '---\ntitle: T\nauthor: A\nlang: en\n---\n\nText.[1] Other.[2]\n\n[^1]: Jane Doe, “A”.\n',
    });
    await unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkCiteproof, { rules: { 'missing-locator': 'off' } })
      .run(
        unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(file),
        file,
      );
    const plain = file.messages.filter((message) => message.ruleId === 'plain-citation');
    expect(plain.map((message) => [message.actual, message.expected])).toEqual([
      ['[1]', ['[^1]']],
      [undefined, undefined],
    ]);
  });
});
