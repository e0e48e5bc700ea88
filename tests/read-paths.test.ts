import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { captureIo, fixtures, root, scratchCopy } from './helpers.js';

const bin = path.join(root, 'dist', 'cli.js');
let project = '';

/** The habits project as a git checkout: its `gitignore.txt` becomes `.gitignore` (a fixture cannot be one). */
beforeAll(async () => {
  project = await scratchCopy(path.join(fixtures, 'projects', 'habits'));
  renameSync(path.join(project, 'gitignore.txt'), path.join(project, '.gitignore'));
  mkdirSync(path.join(project, '.git'));
});

/** The real bin, spawned (the first test). */
function spawned(
  args: string[],
  cwd = project,
): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [bin, ...args, '--no-cache'], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] ?? '' },
  });
}

/** The same command through `main(io)` in this process (the bin's code, without its start-up). */
async function run(
  args: string[],
  cwd = project,
): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = captureIo([...args, '--no-cache'], cwd, {
    PATH: process.env['PATH'] ?? '',
    XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] ?? '',
  });
  const status = await main(io);
  return { status, stdout: io.out(), stderr: io.err() };
}

/** The files a text report names, in order. */
function reported(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => /^\S+\.(md|MD)(: no issues found)?$/u.test(line))
    .map((line) => line.replace(': no issues found', ''));
}

describe('paths, globs and ignores', () => {
  it('should check the articles folder for `check .`, not the README, drafts or dot-files', () => {
    const result = spawned(['check', '.', '--verbose']);
    expect(result.status).toBe(0);
    expect(reported(result.stdout)).toEqual([
      'source/alpha.md',
      'source/nested/gamma.md',
      'source/Upper.MD',
    ]);
    expect(result.stderr).toMatch(/\.: checking its articles folder source\//);
    expect(result.stderr).toMatch(/source\/\.draft\.md: skipped, a dot-file/);
    expect(result.stderr).toMatch(/source\/wip-one\.md: skipped, ignored by \.citeproofignore/);
  });

  it('should say nothing of skipped files without --verbose', async () => {
    const result = await run(['check']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('should warn without --verbose of a file named one by one that an ignore file skips', async () => {
    // Else a check that names only ignored files checks nothing, says nothing and passes.
    const result = await run(['check', 'source/wip-one.md', 'source/alpha.md']);
    expect(result.status).toBe(0);
    expect(reported(result.stdout)).toEqual(['source/alpha.md']);
    expect(result.stderr).toBe(
      'citeproof: source/wip-one.md: skipped, ignored by .citeproofignore (--no-ignore checks it)\n',
    );
  });

  it('should check a README when asked by name (the citation rules only: it is not an article)', async () => {
    const result = await run(['check', 'README.md']);
    expect(result.status).toBe(0);
    expect(reported(result.stdout)).toEqual(['README.md']);
  });

  it('should expand globs, with `!` leaving files out', async () => {
    const result = await run(['check', 'source/**/*.md', '!source/nested/**']);
    expect(result.status).toBe(0);
    expect(reported(result.stdout)).toEqual(['source/alpha.md']);
  });

  it('should honour .gitignore in globs', async () => {
    const result = await run(['check', '**/*.md', '--verbose']);
    expect(reported(result.stdout)).not.toContain('drafts/draft.md');
    expect(result.stderr).toMatch(/drafts\/draft\.md: skipped, ignored by \.gitignore/);
  });

  it('should read no ignore file with --no-ignore', async () => {
    const result = await run(['check', 'source', 'drafts', '--no-ignore']);
    expect(result.status).toBe(1);
    expect(reported(result.stdout)).toEqual([
      'drafts/draft.md',
      'source/alpha.md',
      'source/nested/gamma.md',
      'source/Upper.MD',
      'source/wip-one.md',
    ]);
  });

  it('should leave out what --ignore-pattern names', async () => {
    const result = await run(['check', '--ignore-pattern', 'nested/', '--ignore-pattern', '*.MD']);
    expect(reported(result.stdout)).toEqual(['source/alpha.md']);
  });

  it('should report a glob that matches no article', async () => {
    const result = await run(['check', 'nowhere/*.md']);
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(
      /nowhere\/\*\.md[\s\S]*no articles \(`\*\.md` files\) match this glob/,
    );
  });

  it('should check a dot-file named on the command line', async () => {
    const result = await run(['check', 'source/.draft.md']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/undefined-reference/);
  });

  it('should build `.MD` articles like `.md` ones', async () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'citeproof-upper-'));
    mkdirSync(path.join(scratch, 'source'));
    copyFileSync(
      path.join(project, 'source', 'Upper.MD'),
      path.join(scratch, 'source', 'Upper.MD'),
    );
    const result = await run(['build'], scratch);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/output\/Upper\.md: written\noutput\/Upper\.pdf: written/);
  });
});

describe('files that are refused', () => {
  it('should refuse a symbolic link to a file outside the project', async () => {
    const scratch = await scratchCopy(path.join(fixtures, 'projects', 'clean'));
    mkdirSync(path.join(scratch, '.git'));
    const outside = mkdtempSync(path.join(os.tmpdir(), 'citeproof-outside-'));
    copyFileSync(path.join(scratch, 'source', 'alpha.md'), path.join(outside, 'secret.md'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(scratch, 'source', 'secret.md'));
    const result = await run(['build'], scratch);
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(
      /source\/secret\.md\n.*Cannot read: refused: it is a symbolic link to .*secret\.md, outside the project/,
    );
    expect(result.stderr).not.toMatch(/secret\.(md|pdf): written/);
  });

  it('should accept a symbolic link that stays in the project', async () => {
    const scratch = await scratchCopy(path.join(fixtures, 'projects', 'clean'));
    symlinkSync(path.join(scratch, 'source', 'alpha.md'), path.join(scratch, 'source', 'gamma.md'));
    const result = await run(['check'], scratch);
    expect(result.status).toBe(0);
    expect(reported(result.stdout)).toContain('source/gamma.md');
  });

  it('should report slugs that differ only in case', async () => {
    const scratch = await scratchCopy(path.join(fixtures, 'projects', 'clean'));
    writeFileSync(
      path.join(scratch, 'source', 'Alpha.md'),
      '---\ntitle: A\nauthor: B\nlang: en\n---\n\nText.\n',
    );
    for (const command of ['check', 'build']) {
      const result = await run([command], scratch);
      expect(result.status).toBe(2);
      expect(result.stdout).toMatch(
        /source\/alpha\.md\n.*its slug `alpha` differs only in case from `Alpha` of source\/Alpha\.md/,
      );
    }
  });
});
