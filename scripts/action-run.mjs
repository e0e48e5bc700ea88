// The run step of action.yml: turns the Action's inputs (INPUT_* variables) into
// a citeproof command line, runs it, and, when `sarif` is true, runs it again with
// `--format sarif` into `sarif-file`. It always exits 0 and leaves citeproof's exit
// code in the step output `exit-code`, so the SARIF upload runs before the job fails.
import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const input = (name) =>
  (process.env[`INPUT_${name.toUpperCase().replaceAll('-', '_')}`] ?? '').trim();
const lines = (name) =>
  input(name)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
const flag = (name) => (input(name) === 'true' ? [`--${name}`] : []);
const valued = (name) => (input(name) === '' ? [] : [`--${name}`, input(name)]);

/** The command line of the inputs, without `--format`. */
export function argumentsOf() {
  return [
    input('command') || 'check',
    ...lines('paths'),
    ...flag('strict'),
    ...flag('quiet'),
    ...flag('no-cache'),
    ...valued('config'),
    ...lines('ignore-pattern').flatMap((pattern) => ['--ignore-pattern', pattern]),
    ...valued('out'),
    ...valued('shard'),
    ...valued('jobs'),
  ];
}

const args = argumentsOf();
const run = spawnSync(process.execPath, [bin, ...args, '--format', input('format') || 'github'], {
  stdio: 'inherit',
});
const code = run.status ?? 2;
if (input('sarif') === 'true') {
  const sarif = spawnSync(process.execPath, [bin, ...args, '--format', 'sarif'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  writeFileSync(input('sarif-file') || 'citeproof.sarif', sarif.stdout);
}
if (process.env['GITHUB_OUTPUT'])
  appendFileSync(process.env['GITHUB_OUTPUT'], `exit-code=${code}\n`);
else process.exitCode = code;
