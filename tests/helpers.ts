import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { parseAndCheck } from '../src/rules/check.js';
import type { Io } from '../src/cli/main.js';
import { readArticle } from '../src/read/read.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const fixtures = path.join(root, 'tests', 'fixtures');
export const seedSlug = 'kazakhstan-france-relations';
export const seedSource = path.join(root, 'source', `${seedSlug}.md`);
/** The day fixtures are checked on (access dates after it are errors). */
export const fixtureToday = new Date('2026-11-27T12:00:00Z');

/** A message as the fixtures' `.expected` files write it: `line:column-line:column severity rule-id: reason`. */
export function formatMessage(message: VFileMessage): string {
  const start = message.place && 'start' in message.place ? message.place.start : message.place;
  const end = message.place && 'end' in message.place ? message.place.end : undefined;
  const place = `${start?.line ?? 0}:${start?.column ?? 0}${end?.line ? `-${end.line}:${end.column}` : ''}`;
  return `${place} ${message.fatal ? 'error' : 'warning'} ${message.ruleId}: ${message.reason}`;
}

/** Read and check a file; the messages formatted. */
export async function checkFixture(filePath: string): Promise<{ file: VFile; lines: string[] }> {
  const file = await readArticle(path.relative(root, filePath), root);
  await parseAndCheck(file, { today: fixtureToday });
  return { file, lines: file.messages.map(formatMessage) };
}

/** A copy of a folder in a fresh temporary folder (or in its subfolder `as`); resolves to the temporary folder. */
export async function scratchCopy(folder: string, as = ''): Promise<string> {
  const target = await mkdtemp(path.join(tmpdir(), 'citeproof-'));
  await cp(folder, path.join(target, as), { recursive: true });
  return target;
}

/** An in-process Io collecting what main writes. */
export function captureIo(
  argv: string[],
  cwd: string,
  env: Record<string, string> = {},
): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    argv,
    cwd,
    // The tests' own cache folder (tests/global-setup.ts), for runs outside a package.
    env: { XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] ?? '', ...env },
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    out: () => out,
    err: () => err,
  };
}

export async function readText(filePath: string): Promise<string> {
  return readFile(filePath, 'utf8');
}

/**
 * The bin (`dist/cli.js`) run with `args` and `--no-cache` in `cwd`, with only PATH and the
 * tests' cache folder in its environment: its exit status, its output (stdout, then stderr),
 * and how long it took.
 */
export function timedBin(
  args: string[],
  cwd: string,
  timeoutMs: number,
): { status: number | null; output: string; ms: number } {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'dist', 'cli.js'), ...args, '--no-cache'],
    {
      cwd,
      encoding: 'utf8',
      timeout: timeoutMs,
      env: { PATH: process.env['PATH'] ?? '', XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] ?? '' },
    },
  );
  return {
    status: result.status,
    output: result.stdout + result.stderr,
    ms: performance.now() - started,
  };
}
