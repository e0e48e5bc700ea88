import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { patternsFor } from '../src/editions/pdf/hyphenate.js';
import { rules } from '../src/rules/index.js';
import { fixtures, root } from './helpers.js';

const bin = path.join(root, 'dist', 'cli.js');
const projects = path.join(fixtures, 'projects');

function json(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

function validator(schemaFile: string): (value: unknown) => string[] {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(json(schemaFile) as object);
  return (value) =>
    validate(value)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'] ?? '',
      XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] ?? '',
      ...env,
    },
  });
}

const help = cli(['--help'], root).stdout;

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{
    id: string;
    entry: string;
    files: string;
  }>;

  it('should follow pre-commit’s documented hook format', () => {
    expect(
      validator(path.join(fixtures, 'schemas', 'pre-commit-hooks.schema.json'))(hooks),
    ).toEqual([]);
  });

  it('should run commands the CLI has, on the files pre-commit passes it', () => {
    for (const hook of hooks) {
      const [tool, command] = hook.entry.split(' ');
      expect(tool).toBe('citeproof');
      expect(help).toContain(`  ${command} [paths…]`);
      const files = new RegExp(hook.files, 'u');
      expect(files.test('source/alpha.md')).toBe(true);
      expect(files.test('README.md')).toBe(false);
    }
    const result = cli(
      ['check', 'source/alpha.md', 'source/beta.md'],
      path.join(projects, 'clean'),
    );
    expect(result.status).toBe(0);
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default: string }>;
    runs: { steps: Array<{ id?: string; env?: Record<string, string>; uses?: string }> };
  };

  it('should follow GitHub’s metadata syntax for a composite action', () => {
    expect(validator(path.join(fixtures, 'schemas', 'action.schema.json'))(action)).toEqual([]);
  });

  it('should have inputs that mirror the CLI’s options, each passed to the run step', () => {
    const actionOnly = ['command', 'paths', 'sarif', 'sarif-file'];
    const runStep = action.runs.steps.find((step) => step.id === 'run');
    for (const name of Object.keys(action.inputs)) {
      if (!actionOnly.includes(name)) expect(help).toContain(`--${name}`);
      expect(runStep?.env?.[`INPUT_${name.toUpperCase().replaceAll('-', '_')}`]).toBe(
        `\${{ inputs.${name} }}`,
      );
    }
    expect(help).toContain(`  ${action.inputs['command']?.default} [paths…]`);
    expect(
      action.runs.steps.some((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@')),
    ).toBe(true);
  });

  it('should run citeproof, keep its exit code for the last step and write SARIF when asked', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'citeproof-action-'));
    const output = path.join(folder, 'github-output');
    const sarif = path.join(folder, 'out.sarif');
    const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'action-run.mjs')], {
      cwd: path.join(projects, 'broken'),
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'] ?? '',
        XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] ?? '',
        GITHUB_OUTPUT: output,
        INPUT_COMMAND: 'check',
        INPUT_PATHS: 'source\n!source/alpha.md',
        INPUT_FORMAT: 'github',
        INPUT_NO_CACHE: 'true',
        INPUT_SARIF: 'true',
        INPUT_SARIF_FILE: sarif,
      },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^::error file=source\/broken\.md,line=7/m);
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\n');
    const log = json(sarif) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(log.runs[0]?.results.map((one) => one.ruleId)).toEqual(['undefined-reference']);
  });
});

describe('rule documentation', () => {
  it('should document each SARIF rule, with a helpUri only where package.json names a homepage (none invented)', () => {
    const manifest = json(path.join(root, 'package.json')) as { homepage?: string };
    const result = cli(['check', '--format', 'sarif', '--no-cache'], path.join(projects, 'broken'));
    const log = JSON.parse(result.stdout) as {
      runs: Array<{
        tool: {
          driver: {
            rules: Array<{ id: string; helpUri?: string; help: { markdown: string } }>;
          };
        };
      }>;
    };
    const documented = log.runs[0]?.tool.driver.rules ?? [];
    expect(documented.map((rule) => rule.id)).toEqual(rules.map((rule) => rule.meta.id));
    const base = manifest.homepage?.replace(/#.*$/u, '');
    for (const rule of documented) {
      expect(rule.helpUri).toBe(base ? `${base}/blob/main/docs/rules.md#${rule.id}` : undefined);
      expect(rule.help.markdown).toContain(`docs/rules.md#${rule.id}`);
    }
    const docs = readFileSync(path.join(root, 'docs', 'rules.md'), 'utf8');
    for (const rule of documented) expect(docs).toContain(`\n## ${rule.id}\n`);
  });

  it('should ship the rule docs, the schema and the licence, and no code cache, in the package', () => {
    const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
    });
    const [pack] = JSON.parse(result.stdout) as Array<{ files: Array<{ path: string }> }>;
    const files = (pack?.files ?? []).map((file) => file.path);
    expect(files).toEqual(
      expect.arrayContaining(['docs/rules.md', 'citeproof.schema.json', 'LICENSE', 'dist/cli.js']),
    );
    expect(files.filter((file) => file.endsWith('.cache'))).toEqual([]);
    // Only the hyphenation patterns used, not the `hyphen` package's ~80 languages.
    expect(files.filter((file) => file.startsWith('dist/hyphen/patterns/')).sort()).toEqual(
      Object.values(patternsFor)
        .map((patterns) => `dist/hyphen/patterns/${patterns}.cjs`)
        .sort(),
    );
    const manifest = json(path.join(root, 'package.json')) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('hyphen');
  });

  it('should hyphenate from the copy in dist/ when run from dist/', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { breakPoints, patternsModule } from ${JSON.stringify(path.join(root, 'dist', 'editions', 'pdf', 'hyphenate.js'))};
console.log(patternsModule('ru'), JSON.stringify(breakPoints('international', 'en')));`,
      ],
      { encoding: 'utf8' },
    );
    expect(result.stdout).toBe(`${path.join(root, 'dist', 'hyphen', 'ru.cjs')} [2,5,7]\n`);
  });
});

describe('citeproof.schema.json', () => {
  const schemaFile = path.join(root, 'citeproof.schema.json');
  const validate = new Ajv2020({ allErrors: true }).compile(json(schemaFile) as object);

  it('should name every rule and accept the configurations the CLI accepts', () => {
    const schema = json(schemaFile) as { properties: { rules: { properties: object } } };
    expect(Object.keys(schema.properties.rules.properties)).toEqual(
      rules.map((rule) => rule.meta.id),
    );
    for (const file of [
      path.join(projects, 'configured', 'citeproof.config.json'),
      path.join(projects, 'nested-config', 'citeproof.config.json'),
      path.join(projects, 'nested-config', 'other.json'),
    ])
      expect(validate(json(file)), file).toBe(true);
    expect(
      validate(
        (json(path.join(projects, 'package-config', 'package.json')) as { citeproof: object })
          .citeproof,
      ),
    ).toBe(true);
  });

  it('should reject what the CLI rejects', () => {
    expect(validate(json(path.join(projects, 'misconfigured', 'citeproof.config.json')))).toBe(
      false,
    );
    expect(validate({ rules: { 'unused-source': 'loud' } })).toBe(false);
    expect(validate({ article: 'papers' })).toBe(false);
  });
});
