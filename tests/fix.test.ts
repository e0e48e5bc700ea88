import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkCiteproof from '../src/index.js';
import { main } from '../src/cli/main.js';
import { fixArticle } from '../src/fix/fix.js';
import { captureIo, fixtureToday, fixtures, root, seedSource } from './helpers.js';

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

function spawned(args: string[], cwd: string, input?: string) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] ?? '' },
    ...(input === undefined ? {} : { input }),
  });
}

/**
 * The same command through `main(io)` in this process (the code the bin runs, without
 * starting Node and the bundle each time); the bin itself runs the first test, `fix -`
 * and the usage error.
 */
async function run(
  args: string[],
  cwd: string,
): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = captureIo(args, cwd, {
    PATH: process.env['PATH'] ?? '',
    XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] ?? '',
  });
  const status = await main(io);
  return { status, stdout: io.out(), stderr: io.err() };
}

describe('citeproof fix', () => {
  it('should turn the scrambled seed back into the seed, byte for byte', () => {
    const project = projectWith({ 'seed.md': path.join(fixFixtures, 'seed-scrambled.md') });
    const result = spawned(['fix'], project);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /Fixed: turned 1 plain citation marker into footnote references; renumbered 4 notes in order of first reference; put the source entries in order of first reference/,
    );
    expect(readFileSync(path.join(project, 'source', 'seed.md'), 'utf8')).toBe(
      readFileSync(seedSource, 'utf8'),
    );
  });

  it('should leave the seed as it is (nothing to fix)', async () => {
    const project = projectWith({ 'seed.md': seedSource });
    const before = statSync(path.join(project, 'source', 'seed.md'), { bigint: true });
    const result = await run(['fix'], project);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/Fixed/);
    const after = statSync(path.join(project, 'source', 'seed.md'), { bigint: true });
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeNs).toBe(before.mtimeNs);
  });

  it('should fix markers, labels and order and keep every other byte (front matter, spacing, lists)', async () => {
    const project = projectWith({ 'mixed.md': path.join(fixFixtures, 'mixed.md') });
    chmodSync(path.join(project, 'source', 'mixed.md'), 0o640);
    const result = await run(['fix'], project);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/warning.*plain-citation/); // `[9]` has no entry: left for the author
    expect(readFileSync(path.join(project, 'source', 'mixed.md'), 'utf8')).toBe(
      readFileSync(path.join(fixFixtures, 'mixed.fixed.md'), 'utf8'),
    );
    expect(statSync(path.join(project, 'source', 'mixed.md')).mode & 0o777).toBe(0o640);
  });

  it('should not merge entries that only share a URL, nor a merge that would change whom an ibid. cites', async () => {
    const project = projectWith({});
    const text = [
      '---',
      'title: Pages',
      'author: Test Author',
      'lang: en',
      '---',
      '',
      'One.[^1] Two.[^2] Three.[^3] Four.[^4] Five.[^5]',
      '',
      '[^1]: Jane Doe, “A Report”, https://example.org/a, p. 5.',
      '[^2]: John Roe, “Other”, https://example.org/b.',
      '[^3]: Jane Doe, “A Report”, https://example.org/a, p. 12.',
      '[^4]: Ibid., p. 13.',
      '[^5]: John Roe, “Other”, https://example.org/b.',
      '',
    ].join('\n');
    writeFileSync(path.join(project, 'source', 'pages.md'), text);
    const result = await run(['fix', '--merge-duplicates'], project);
    expect(result.status).toBe(0);
    // [^5] is [^2] word for word, but removing it moves nothing an ibid. resolves by: merged.
    // [^3] (p. 12) only shares [^1]'s URL: kept, so [^4]'s ibid. still cites p. 12's entry.
    const fixed = readFileSync(path.join(project, 'source', 'pages.md'), 'utf8');
    expect(fixed).toContain('[^3]: Jane Doe, “A Report”, https://example.org/a, p. 12.');
    expect(fixed).toContain('[^4]: Ibid., p. 13.');
    expect(fixed).not.toContain('[^5]:');
    expect(fixed).toContain('Five.[^2]');
  });

  it('should leave the entries as they are when merging would change whom an ibid. cites', async () => {
    const project = projectWith({});
    const text = [
      '---',
      'title: Ibid',
      'author: Test Author',
      'lang: en',
      '---',
      '',
      'One.[^1] Two.[^2] Three.[^3] Four.[^4]',
      '',
      '[^1]: Jane Doe, “A Title”, https://example.org/a.',
      '[^2]: John Roe, “Other”, https://example.org/b.',
      '[^3]: Jane Doe, “A Title”, https://example.org/a.',
      '[^4]: Ibid.',
      '',
    ].join('\n');
    writeFileSync(path.join(project, 'source', 'ibid.md'), text);
    // Merging [^3] into [^1] would leave the ibid. after Roe's note: it would cite Roe.
    const result = await run(['fix', '--merge-duplicates'], project);
    expect(result.stdout).not.toMatch(/merged/);
    expect(readFileSync(path.join(project, 'source', 'ibid.md'), 'utf8')).toContain(
      '[^3]: Jane Doe, “A Title”, https://example.org/a.',
    );
    expect(readFileSync(path.join(project, 'source', 'ibid.md'), 'utf8')).toContain('Four.[^4]');
  });

  it('should be idempotent', async () => {
    const project = projectWith({ 'mixed.md': path.join(fixFixtures, 'mixed.md') });
    await run(['fix'], project);
    const once = readFileSync(path.join(project, 'source', 'mixed.md'), 'utf8');
    const result = await run(['fix'], project);
    expect(result.stdout).not.toMatch(/Fixed/);
    expect(readFileSync(path.join(project, 'source', 'mixed.md'), 'utf8')).toBe(once);
  });

  it('should refuse an article with errors it cannot fix, leaving it alone', async () => {
    const broken = path.join(fixtures, 'projects', 'broken', 'source', 'broken.md');
    const project = projectWith({ 'broken.md': broken });
    const result = await run(['fix'], project);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/error.*undefined-reference/);
    expect(result.stdout).toMatch(/Not fixed: an error that fix cannot repair/);
    expect(readFileSync(path.join(project, 'source', 'broken.md'), 'utf8')).toBe(
      readFileSync(broken, 'utf8'),
    );
  });

  it('should fix standard input to standard output with `fix -`', () => {
    const input = readFileSync(path.join(fixFixtures, 'mixed.md'), 'utf8');
    const result = spawned(['fix', '-', '--stdin-filename', 'source/mixed.md'], os.tmpdir(), input);
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

describe('citeproof fix --merge-duplicates', () => {
  const source = (project: string, name: string): string =>
    readFileSync(path.join(project, 'source', name), 'utf8');

  it('should merge entries of the same source: calls cite the entry kept, the duplicates go, every other byte stays', async () => {
    const project = projectWith({ 'duplicates.md': path.join(fixFixtures, 'duplicates.md') });
    const result = await run(['fix', '--merge-duplicates'], project);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /Fixed: merged 2 source entries into the entry of the same source; renumbered 4 notes in order of first reference/,
    );
    // Same text ([^3] → [^1]) and a second [^2] go; [^4] shares [^2]'s URL but is written
    // otherwise (another date, another author's name): a person judges that, as the
    // duplicate-locator warning says. The two `Ibid.` entries stay apart: whom each cites
    // depends on where it stands.
    expect(source(project, 'duplicates.md')).toBe(
      readFileSync(path.join(fixFixtures, 'duplicates.merged.md'), 'utf8'),
    );
    const after = await run(['check'], project);
    expect(after.status).toBe(0);
    expect(after.stdout).toMatch(/⚠ 1 warning/);
    expect(after.stdout).toMatch(/duplicate-locator/);
  });

  it('should be idempotent', async () => {
    const project = projectWith({ 'duplicates.md': path.join(fixFixtures, 'duplicates.md') });
    await run(['fix', '--merge-duplicates'], project);
    const once = source(project, 'duplicates.md');
    const result = await run(['fix', '--merge-duplicates'], project);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/Fixed/);
    expect(source(project, 'duplicates.md')).toBe(once);
  });

  it('should merge only when asked: without the option a duplicate entry is an error fix leaves alone', async () => {
    const project = projectWith({
      'duplicates.md': path.join(fixFixtures, 'duplicates.md'),
      'twice.md': path.join(fixFixtures, 'same-source-twice.md'),
    });
    const result = await run(['fix'], project);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/error.*duplicate-source/);
    expect(result.stdout).toMatch(
      /`--merge-duplicates` merges a duplicate entry of the same source/,
    );
    expect(source(project, 'duplicates.md')).toBe(
      readFileSync(path.join(fixFixtures, 'duplicates.md'), 'utf8'),
    );
    expect(source(project, 'twice.md')).toBe(
      readFileSync(path.join(fixFixtures, 'same-source-twice.md'), 'utf8'),
    );
  });

  it('should merge one source under two labels into the label cited first', async () => {
    const project = projectWith({ 'twice.md': path.join(fixFixtures, 'same-source-twice.md') });
    const result = await run(['fix', '--merge-duplicates'], project);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/merged 1 source entry into the entry of the same source/);
    const original = readFileSync(path.join(fixFixtures, 'same-source-twice.md'), 'utf8');
    const lines = original.split('\n');
    expect(source(project, 'twice.md')).toBe(
      lines
        .filter((line) => !line.startsWith('[^b]:'))
        .join('\n')
        .replace('again.[^b]', 'again.[^a]'),
    );
  });

  it('should refuse a second entry under the same label that is another source', async () => {
    const fixture = path.join(fixFixtures, 'same-label-other-source.md');
    const project = projectWith({ 'other.md': fixture });
    const result = await run(['fix', '--merge-duplicates'], project);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/Not fixed: an error that fix cannot repair/);
    expect(result.stdout).not.toMatch(/--merge-duplicates/);
    expect(source(project, 'other.md')).toBe(readFileSync(fixture, 'utf8'));
  });

  it('should merge standard input with `fix - --merge-duplicates`', () => {
    const input = readFileSync(path.join(fixFixtures, 'duplicates.md'), 'utf8');
    const result = spawned(
      ['fix', '-', '--merge-duplicates', '--stdin-filename', 'source/duplicates.md'],
      os.tmpdir(),
      input,
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      readFileSync(path.join(fixFixtures, 'duplicates.merged.md'), 'utf8'),
    );
  });

  it('should be a usage error with another command', () => {
    const project = projectWith({ 'duplicates.md': path.join(fixFixtures, 'duplicates.md') });
    const result = spawned(['check', '--merge-duplicates'], project);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/`--merge-duplicates` only applies to `fix`/);
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
