import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, root, scratchCopy } from './helpers.js';

const bin = path.join(root, 'dist', 'cli.js');
const projects = path.join(fixtures, 'projects');

function cli(
  args: string[],
  cwd: string,
  options: { input?: string; env?: Record<string, string> } = {},
) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
    ...(options.input === undefined ? {} : { input: options.input }),
  });
}

const broken = readFileSync(path.join(projects, 'broken', 'source', 'broken.md'), 'utf8');
const clean = readFileSync(path.join(projects, 'clean', 'source', 'alpha.md'), 'utf8');

describe('standard input', () => {
  it('should check an article read from `-`, named by --stdin-filename', () => {
    const result = cli(['check', '-', '--stdin-filename', 'source/piped.md'], root, {
      input: broken,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^source\/piped\.md\n7:43-7:53\s+error.*undefined-reference/);
  });

  it('should call it <stdin> without a name, and pass a clean one', () => {
    const result = cli(['check', '-'], root, { input: clean });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/<stdin>: no issues found/);
  });

  it('should find the configuration from --stdin-filename', () => {
    const beta = readFileSync(path.join(projects, 'configured', 'source', 'beta.md'), 'utf8');
    const configured = path.join(projects, 'configured');
    const named = cli(['check', '-', '--stdin-filename', 'source/beta.md'], configured, {
      input: beta,
    });
    expect(named.status).toBe(1);
    expect(named.stdout).toMatch(/error\s+Unexpected unused source entry `2`/);
  });

  it('should refuse `-` for build, and --stdin-filename without `-`', () => {
    expect(cli(['build', '-'], root).stderr).toMatch(
      /`-` \(standard input\) only applies to `check` and `fix`/,
    );
    expect(cli(['check', '--stdin-filename', 'a.md'], root).stderr).toMatch(
      /only applies with `-`/,
    );
  });
});

describe('habits of the command line', () => {
  it('should print help with -h and the version with -v', () => {
    expect(cli(['-h'], root).stdout).toMatch(/^Usage: citeproof <command>/);
    const version = (
      JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
    ).version;
    expect(cli(['-v'], root).stdout).toBe(`${version}\n`);
  });

  it.each([
    [['check', '--stricct'], /unknown option `--stricct`, did you mean `--strict`\?/],
    [['chekc'], /unknown command `chekc`, did you mean `check`\?/],
    [['check', '--format', 'saarif'], /unknown format `saarif`, did you mean `sarif`\?/],
    [
      ['check', '--format', 'xml'],
      /unknown format `xml`, expected one of text, json, github, sarif/,
    ],
  ])('should suggest what was meant: %j', (args, message) => {
    const result = cli(args, root);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('should suggest a rule id for a typo in the configuration', () => {
    const result = cli(['check', '--no-cache'], path.join(projects, 'misconfigured'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /unknown rule id `unused-sources`, did you mean `unused-source`\?/,
    );
  });

  it('should warn of an unknown rule id in a `citeproof disable` comment', () => {
    const result = cli(['check', '--no-cache'], path.join(projects, 'comments'));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /7:1\s+warning\s+Unexpected unknown rule id `unused-sources` in a `citeproof disable` comment, expected a citeproof rule id such as `unused-source`\s+unknown-rule/,
    );
    expect(cli(['check', '--no-cache', '--strict'], path.join(projects, 'comments')).status).toBe(
      1,
    );
  });

  it.each([
    [['--color'], {}, true],
    [[], { FORCE_COLOR: '1' }, true],
    [['--no-color'], { FORCE_COLOR: '1' }, false],
    [[], { FORCE_COLOR: '0' }, false],
    [['--color'], { NO_COLOR: '1' }, true],
    [[], {}, false],
  ])('should colour the report as %j with %j says: %s', (flags, env, coloured) => {
    const result = cli(['check', '--no-cache', ...flags], path.join(projects, 'broken'), { env });
    expect(result.stdout.includes('\u001b[')).toBe(coloured);
  });
});

describe('configuration found up the tree', () => {
  const project = path.join(projects, 'nested-config');

  it('should apply the nearest configuration to each article, from any folder', () => {
    for (const cwd of [project, path.join(project, 'papers', 'relaxed')]) {
      const result = cli(['check', '--no-cache', path.join(project, 'papers')], cwd);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/beta\.md\n10:1-10:100\s+error\s+Unexpected unused source/);
      expect(result.stdout).toMatch(/beta-relaxed\.md: no issues found/);
    }
  });

  it('should take the articles folder from the configuration', () => {
    const result = cli(['check', '.', '--no-cache', '--verbose'], project);
    expect(result.stderr).toMatch(/checking its articles folder papers\//);
    expect(result.stdout).toMatch(/papers\/beta\.md/);
  });

  it('should use only the file --config names', () => {
    const result = cli(['check', 'papers', '--no-cache', '--config', 'other.json'], project);
    // Neither the root configuration (an error) nor the .citeproofrc beside it (off) applies.
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/beta-relaxed\.md\n[\s\S]*warning\s+Unexpected unused source/);
    expect(result.stdout).not.toMatch(/error/);
  });

  it('should report a --config that cannot be read in one line', () => {
    const result = cli(['check', '--config', 'nowhere.json'], project);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^citeproof: .*nowhere\.json.*\n$/);
  });
});

describe('build says what it did', () => {
  it('should print one line per edition written, unchanged or withheld, with the reason', async () => {
    const project = await scratchCopy(path.join(projects, 'broken'));
    const first = cli(['build'], project);
    expect(first.status).toBe(1);
    expect(first.stderr).toMatch(/^output\/alpha\.md: written\noutput\/alpha\.pdf: written\n/m);
    expect(first.stderr).toMatch(
      /^output\/broken\.md: withheld, source\/broken\.md has 1 error\noutput\/broken\.pdf: withheld/m,
    );
    const again = cli(['build', '--no-cache'], project);
    expect(again.stderr).toMatch(/^output\/alpha\.md: unchanged\noutput\/alpha\.pdf: unchanged\n/m);
    const quiet = cli(['build', '--quiet'], project);
    expect(quiet.stderr).not.toMatch(/unchanged/);
    expect(quiet.stderr).toMatch(/withheld/);
  });
});

describe('build --watch', () => {
  it('should build again when an article changes, and keep going after an error', async () => {
    const project = await scratchCopy(path.join(projects, 'clean'));
    const child = spawn(process.execPath, [bin, 'build', '--watch', '--no-color'], {
      cwd: project,
      env: { PATH: process.env['PATH'] ?? '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const until = async (test: () => boolean): Promise<void> => {
      const start = Date.now();
      while (!test()) {
        if (Date.now() - start > 30_000) throw new Error(`timed out; stderr: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await until(() => stderr.includes('for changes (Ctrl-C to stop)'));
      expect(stderr).toMatch(/output\/alpha\.pdf: written/);
      writeFileSync(path.join(project, 'source', 'alpha.md'), broken);
      await until(() => /withheld/.test(stderr) && /building again/.test(stderr));
      await until(() => stdout.includes('undefined-reference'));
      writeFileSync(
        path.join(project, 'source', 'alpha.md'),
        clean.replace('Again.', 'Once more.'),
      );
      await until(() => (stderr.match(/output\/alpha\.md: written/g) ?? []).length >= 2);
      // A figure is not part of the cache key: a change to it builds again without the cache.
      writeFileSync(path.join(project, 'source', 'figure.png'), 'not yet an image');
      await until(() => stderr.includes('changed: source/figure.png; building again'));
      await until(() => (stderr.match(/watching for changes/g) ?? []).length >= 3);
      expect(stderr).toMatch(/figure\.png; building again\n(.*\n)*output\/alpha\.pdf: unchanged/);
      expect(child.exitCode).toBe(null);
    } finally {
      child.kill();
    }
  }, 60_000);
});
