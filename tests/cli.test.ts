import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { captureIo, fixtures, root, scratchCopy } from './helpers.js';

const projects = path.join(fixtures, 'projects');
const bin = path.join(root, 'dist', 'cli.js');

interface Case {
  name: string;
  args: string[];
  project: 'clean' | 'broken' | 'configured' | 'misconfigured' | 'package-config';
  exitCode: number;
  stdout?: RegExp;
  stderr?: RegExp;
}

const cases: Case[] = [
  {
    name: 'check passes a clean project (warnings allowed)',
    args: ['check'],
    project: 'clean',
    exitCode: 0,
    stdout: /beta\.md\n.*warning.*unused-source/,
  },
  {
    name: 'check fails on a broken citation',
    args: ['check'],
    project: 'broken',
    exitCode: 1,
    stdout: /7:43-7:53\s+error.*undefined-reference/,
  },
  {
    name: '--strict fails on warnings',
    args: ['check', '--strict'],
    project: 'clean',
    exitCode: 1,
    stdout: /unused-source/,
  },
  {
    name: '--quiet leaves out files without problems',
    args: ['check', '--quiet'],
    project: 'broken',
    exitCode: 1,
    stdout: /^(?![\s\S]*alpha\.md)[\s\S]*broken\.md/,
  },
  {
    name: 'json format is vfile-reporter-json',
    args: ['check', '--format', 'json'],
    project: 'broken',
    exitCode: 1,
    stdout: /"ruleId":"undefined-reference"/,
  },
  {
    name: 'github format prints workflow commands',
    args: ['check', '--format=github'],
    project: 'broken',
    exitCode: 1,
    stdout:
      /^::error file=source\/broken\.md,line=7,col=43,endLine=7,endColumn=53,title=citeproof undefined-reference::Unexpected reference to undefined source `missing`/m,
  },
  {
    name: 'a file path checks only that file',
    args: ['check', 'source/alpha.md'],
    project: 'broken',
    exitCode: 0,
    stdout: /alpha\.md: no issues found/,
  },
  {
    name: 'a missing path is a usage error',
    args: ['check', 'nowhere.md'],
    project: 'clean',
    exitCode: 2,
    stdout: /nowhere\.md[\s\S]*no such file or folder/,
  },
  {
    name: 'an unknown flag is a usage error',
    args: ['check', '--frobnicate'],
    project: 'clean',
    exitCode: 2,
    stderr: /^citeproof: unknown option `--frobnicate` \(see `citeproof --help`\)\n$/,
  },
  {
    name: 'an unknown format is a usage error',
    args: ['check', '--format', 'xml'],
    project: 'clean',
    exitCode: 2,
    stderr: /unknown format `xml`/,
  },
  {
    name: 'an unknown command is a usage error',
    args: ['publish'],
    project: 'clean',
    exitCode: 2,
    stderr: /unknown command `publish`/,
  },
  {
    name: 'citeproof.config.json sets severities',
    args: ['check'],
    project: 'configured',
    exitCode: 1,
    stdout: /10:1-10:100\s+error\s+Unexpected unused source entry `2`/,
  },
  {
    name: 'an unknown rule id in the configuration is a usage error',
    args: ['check'],
    project: 'misconfigured',
    exitCode: 2,
    stderr: /^citeproof: citeproof\.config\.json: unknown rule id `unused-sources`/,
  },
  {
    name: 'the citeproof key of package.json sets severities',
    args: ['check', '--strict'],
    project: 'package-config',
    exitCode: 0,
    stdout: /beta\.md: no issues found/,
  },
  {
    name: 'sarif format is SARIF 2.1.0',
    args: ['check', '--format', 'sarif'],
    project: 'broken',
    exitCode: 1,
    stdout: /"version": "2\.1\.0"[\s\S]*"ruleId": "undefined-reference"[\s\S]*"startLine": 7/,
  },
  {
    name: '--help prints usage',
    args: ['--help'],
    project: 'clean',
    exitCode: 0,
    stdout: /Usage: citeproof <command>/,
  },
  {
    name: '--version prints the version',
    args: ['--version'],
    project: 'clean',
    exitCode: 0,
    stdout: /^\d+\.\d+\.\d+\n$/,
  },
];

describe('CLI in-process', () => {
  for (const testCase of cases) {
    it(`should exit ${testCase.exitCode}: ${testCase.name}`, async () => {
      const io = captureIo([...testCase.args, '--no-cache'], path.join(projects, testCase.project));
      const code = await main(io);
      expect(code).toBe(testCase.exitCode);
      if (testCase.stdout) expect(io.out()).toMatch(testCase.stdout);
      if (testCase.stderr) expect(io.err()).toMatch(testCase.stderr);
    });
  }
});

describe('the hook of each article done (the bin settles its deferred tier-up on it)', () => {
  it('should be called once for each article checked', async () => {
    let calls = 0;
    const io = {
      ...captureIo(['check', 'source', '--no-cache'], path.join(projects, 'marks')),
      onArticle: () => calls++,
    };
    expect(await main(io)).toBe(0);
    expect(calls).toBe(2);
  });
});

describe('CLI through the spawned bin', () => {
  for (const testCase of cases) {
    it(`should exit ${testCase.exitCode}: ${testCase.name}`, () => {
      const result = spawnSync(process.execPath, [bin, ...testCase.args, '--no-cache'], {
        cwd: path.join(projects, testCase.project),
        encoding: 'utf8',
        env: {
          PATH: process.env['PATH'] ?? '',
          XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] ?? '',
        },
      });
      expect(result.status).toBe(testCase.exitCode);
      if (testCase.stdout) expect(result.stdout).toMatch(testCase.stdout);
      if (testCase.stderr) expect(result.stderr).toMatch(testCase.stderr);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('should build editions with --out', async () => {
    const project = await scratchCopy(path.join(projects, 'clean'));
    const result = spawnSync(process.execPath, [bin, 'build', '--out', 'public'], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(path.join(project, 'public')).sort()).toEqual([
      'alpha.md',
      'alpha.pdf',
      'beta.md',
      'beta.pdf',
    ]);
  });
});

describe('SARIF report', () => {
  it('should carry rule metadata, locations and levels', async () => {
    const io = captureIo(
      ['check', '--format', 'sarif', '--no-cache'],
      path.join(projects, 'broken'),
    );
    await main(io);
    const log = JSON.parse(io.out()) as {
      version: string;
      runs: Array<{
        tool: {
          driver: {
            name: string;
            rules: Array<{ id: string; defaultConfiguration: { level: string } }>;
          };
        };
        results: Array<{
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: Array<{
            physicalLocation: {
              artifactLocation: { uri: string };
              region: { startLine: number; startColumn: number; endColumn: number };
            };
          }>;
        }>;
      }>;
    };
    const [run] = log.runs;
    expect(log.version).toBe('2.1.0');
    expect(run?.tool.driver.rules.map((rule) => rule.id)).toContain('citation-order');
    const [result] = run?.results ?? [];
    expect(result?.ruleId).toBe('undefined-reference');
    expect(run?.tool.driver.rules[result?.ruleIndex ?? -1]?.id).toBe('undefined-reference');
    expect(result?.level).toBe('error');
    expect(result?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'source/broken.md' },
      region: { startLine: 7, startColumn: 43, endLine: 7, endColumn: 53 },
    });
  });

  it('should read fonts and shaping tables only to build (both commands read the code cache)', async () => {
    const project = await scratchCopy(path.join(projects, 'clean'));
    const reads = (args: string[]): string[] => {
      const log = path.join(mkdtempSync(path.join(os.tmpdir(), 'citeproof-reads-')), 'reads');
      const result = spawnSync(
        process.execPath,
        ['--require', path.join(fixtures, 'record-reads.cjs'), bin, ...args],
        { cwd: project, encoding: 'utf8', env: { ...process.env, CITEPROOF_READS: log } },
      );
      expect(result.status, result.stderr).toBe(0);
      return readFileSync(log, 'utf8').split('\n');
    };
    const fontsAndTables = (files: string[]): string[] =>
      files.filter(
        (file) => file.endsWith('.ttf') || file.includes(`${path.sep}shaping${path.sep}`),
      );
    const checked = reads(['check', '--no-cache']);
    expect(fontsAndTables(checked)).toEqual([]);
    expect(checked).toContain(path.join(root, 'dist', 'citeproof.cjs.cache'));
    const built = reads(['build', '--no-cache']);
    expect(fontsAndTables(built).filter((file) => file.endsWith('.ttf'))).toHaveLength(4);
    expect(fontsAndTables(built).some((file) => file.endsWith('regular.json'))).toBe(true);
  });
});
