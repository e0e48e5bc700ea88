import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { captureIo, fixtures, root, scratchCopy } from './helpers.js';

const bin = path.join(root, 'dist', 'cli.js');
const projects = path.join(fixtures, 'projects');

interface Options {
  input?: string;
  env?: Record<string, string>;
}

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The real bin, spawned: for what is the bin's own (its exit code, its streams). */
function spawned(args: string[], cwd: string, options: Options = {}): Result {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'] ?? '',
      XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] ?? '',
      ...options.env,
    },
    ...(options.input === undefined ? {} : { input: options.input }),
  });
}

/**
 * The same command through `main(io)` in this process (the code the bin runs, without
 * starting Node and the bundle: ~0.15 s a run). Each behaviour is also seen spawned once.
 */
async function cli(args: string[], cwd: string, options: Options = {}): Promise<Result> {
  const io = captureIo(args, cwd, {
    PATH: process.env['PATH'] ?? '',
    XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] ?? '',
    ...options.env,
  });
  if (options.input !== undefined) io.stdin = Readable.from([Buffer.from(options.input)]);
  const status = await main(io);
  return { status, stdout: io.out(), stderr: io.err() };
}

/** The bin for the first case of a table, main(io) for the others. */
function runner(index: number): typeof cli {
  return index === 0 ? async (...args) => spawned(...args) : cli;
}

const broken = readFileSync(path.join(projects, 'broken', 'source', 'broken.md'), 'utf8');
const clean = readFileSync(path.join(projects, 'clean', 'source', 'alpha.md'), 'utf8');

describe('standard input', () => {
  it('should check an article read from `-`, named by --stdin-filename', () => {
    const result = spawned(['check', '-', '--stdin-filename', 'source/piped.md'], root, {
      input: broken,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^source\/piped\.md\n7:43-7:53\s+error.*undefined-reference/);
  });

  it('should call it <stdin> without a name, and pass a clean one', async () => {
    const result = await cli(['check', '-'], root, { input: clean });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/<stdin>: no issues found/);
  });

  it('should find the configuration from --stdin-filename', async () => {
    const beta = readFileSync(path.join(projects, 'configured', 'source', 'beta.md'), 'utf8');
    const configured = path.join(projects, 'configured');
    const named = await cli(['check', '-', '--stdin-filename', 'source/beta.md'], configured, {
      input: beta,
    });
    expect(named.status).toBe(1);
    expect(named.stdout).toMatch(/error\s+Unexpected unused source entry `2`/);
  });

  it('should refuse `-` for build, and --stdin-filename without `-`', async () => {
    expect(spawned(['build', '-'], root).stderr).toMatch(
      /`-` \(standard input\) only applies to `check` and `fix`/,
    );
    expect((await cli(['check', '--stdin-filename', 'a.md'], root)).stderr).toMatch(
      /only applies with `-`/,
    );
  });
});

describe('habits of the command line', () => {
  it('should print help with -h and the version with -v', () => {
    expect(spawned(['-h'], root).stdout).toMatch(/^Usage: citeproof <command>/);
    const version = (
      JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
    ).version;
    expect(spawned(['-v'], root).stdout).toBe(`${version}\n`);
  });

  it.each([
    [['check', '--stricct'], /unknown option `--stricct`, did you mean `--strict`\?/],
    [['chekc'], /unknown command `chekc`, did you mean `check`\?/],
    [['check', '--format', 'saarif'], /unknown format `saarif`, did you mean `sarif`\?/],
    [
      ['check', '--format', 'xml'],
      /unknown format `xml`, expected one of text, json, github, sarif/,
    ],
  ])('should suggest what was meant: %j', async (args, message) => {
    const result = await runner(args[0] === 'check' && args[1] === '--stricct' ? 0 : 1)(args, root);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('should suggest a rule id for a typo in the configuration', async () => {
    const result = await cli(['check', '--no-cache'], path.join(projects, 'misconfigured'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /unknown rule id `unused-sources`, did you mean `unused-source`\?/,
    );
  });

  it('should warn of an unknown rule id in a `citeproof disable` comment', async () => {
    const result = await cli(['check', '--no-cache'], path.join(projects, 'comments'));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /7:1\s+warning\s+Unexpected unknown rule id `unused-sources` in a `citeproof disable` comment, expected a citeproof rule id such as `unused-source`\s+unknown-rule/,
    );
    expect(
      (await cli(['check', '--no-cache', '--strict'], path.join(projects, 'comments'))).status,
    ).toBe(1);
  });

  it.each([
    [['--color'], {}, true],
    [[], { FORCE_COLOR: '1' }, true],
    [['--no-color'], { FORCE_COLOR: '1' }, false],
    [[], { FORCE_COLOR: '0' }, false],
    [['--color'], { NO_COLOR: '1' }, true],
    [[], {}, false],
  ])('should colour the report as %j with %j says: %s', async (flags, env, coloured) => {
    // The bin (its stdout a pipe) for `--color`; main(io) for the others.
    const run = runner(flags[0] === '--color' && Object.keys(env).length === 0 ? 0 : 1);
    const result = await run(['check', '--no-cache', ...flags], path.join(projects, 'broken'), {
      env,
    });
    expect(result.stdout.includes('\u001b[')).toBe(coloured);
  });
});

describe('configuration found up the tree', () => {
  const project = path.join(projects, 'nested-config');

  it('should apply the nearest configuration to each article, from any folder', async () => {
    for (const cwd of [project, path.join(project, 'papers', 'relaxed')]) {
      const result = await cli(['check', '--no-cache', path.join(project, 'papers')], cwd);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/beta\.md\n10:1-10:100\s+error\s+Unexpected unused source/);
      expect(result.stdout).toMatch(/beta-relaxed\.md: no issues found/);
    }
  });

  it('should take the articles folder from the configuration', async () => {
    const result = await cli(['check', '.', '--no-cache', '--verbose'], project);
    expect(result.stderr).toMatch(/checking its articles folder papers\//);
    expect(result.stdout).toMatch(/papers\/beta\.md/);
  });

  it('should use only the file --config names', async () => {
    const result = await cli(['check', 'papers', '--no-cache', '--config', 'other.json'], project);
    // Neither the root configuration (an error) nor the .citeproofrc beside it (off) applies.
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/beta-relaxed\.md\n[\s\S]*warning\s+Unexpected unused source/);
    expect(result.stdout).not.toMatch(/error/);
  });

  it('should report a --config that cannot be read in one line', () => {
    const result = spawned(['check', '--config', 'nowhere.json'], project);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^citeproof: .*nowhere\.json.*\n$/);
  });
});

describe('build says what it did', () => {
  it('should print one line per edition written, unchanged or withheld, with the reason', async () => {
    const project = await scratchCopy(path.join(projects, 'broken'));
    const first = spawned(['build'], project);
    expect(first.status).toBe(1);
    expect(first.stderr).toMatch(/^output\/alpha\.md: written\noutput\/alpha\.pdf: written\n/m);
    expect(first.stderr).toMatch(
      /^output\/broken\.md: withheld, source\/broken\.md has 1 error\noutput\/broken\.pdf: withheld/m,
    );
    const again = await cli(['build', '--no-cache'], project);
    expect(again.stderr).toMatch(/^output\/alpha\.md: unchanged\noutput\/alpha\.pdf: unchanged\n/m);
    const quiet = await cli(['build', '--quiet'], project);
    expect(quiet.stderr).not.toMatch(/unchanged/);
    expect(quiet.stderr).toMatch(/withheld/);
  });
});

describe('build --watch', () => {
  it('should build again when an article changes, and keep going after an error', async () => {
    const project = await scratchCopy(path.join(projects, 'clean'));
    const child = spawn(process.execPath, [bin, 'build', '--watch', '--no-color'], {
      cwd: project,
      env: { PATH: process.env['PATH'] ?? '', XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] ?? '' },
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

describe('a reader that stops early', () => {
  it('should end quietly when its output pipe closes (`check … | head`), with the exit code of the run', async () => {
    // Forty articles of 400 calls to no entry each: a report far longer than a pipe's buffer.
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-pipe-'));
    const article = Array.from({ length: 400 }, (_, n) => `Claim ${n}.[^missing-${n}]`).join(
      '\n\n',
    );
    for (let n = 0; n < 40; n++) writeFileSync(path.join(folder, `long-${n}.md`), `${article}\n`);
    const child = spawn(process.execPath, [bin, 'check', '.', '--no-ignore', '--no-cache'], {
      cwd: folder,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Read the first chunk, then close the pipe, as `head -c 1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|at .*\(node:/u);
    expect(status).toBe(1);
  });
});
