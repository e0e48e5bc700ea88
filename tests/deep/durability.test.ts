import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtures, root, seedSource } from '../helpers.js';

const bin = path.join(root, 'dist', 'cli.js');
const env = { PATH: process.env['PATH'] ?? '' };

/** A project with three articles, and the bytes of their editions when built. */
function project(): { folder: string; sources: string[] } {
  const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-durable-'));
  cpSync(path.join(fixtures, 'projects', 'clean', 'source'), path.join(folder, 'source'), {
    recursive: true,
  });
  cpSync(seedSource, path.join(folder, 'source', path.basename(seedSource)));
  return { folder, sources: readdirSync(path.join(folder, 'source')) };
}

function build(folder: string, out: string): number | null {
  return spawnSync(process.execPath, [bin, 'build', '--out', out], { cwd: folder, env }).status;
}

function editions(folder: string): Map<string, Buffer> {
  const all = new Map<string, Buffer>();
  for (const name of readdirSync(folder))
    if (!name.startsWith('.')) all.set(name, readFileSync(path.join(folder, name)));
  return all;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
}

describe('builds killed or run at once', () => {
  let folder: string;
  let oldEditions: Map<string, Buffer>;
  let newEditions: Map<string, Buffer>;

  beforeAll(() => {
    ({ folder } = project());
    const sourceFolder = path.join(folder, 'source');
    const originals = new Map(
      readdirSync(sourceFolder).map((name) => [
        name,
        readFileSync(path.join(sourceFolder, name), 'utf8'),
      ]),
    );
    for (const [name, text] of originals)
      writeFileSync(
        path.join(sourceFolder, name),
        text.replace(/\n\n/, '\n\nAn older paragraph.\n\n'),
      );
    expect(build(folder, 'output')).toBe(0);
    oldEditions = editions(path.join(folder, 'output'));
    for (const [name, text] of originals) writeFileSync(path.join(sourceFolder, name), text);
    expect(build(folder, 'expected')).toBe(0);
    newEditions = editions(path.join(folder, 'expected'));
    expect(oldEditions.size).toBe(6);
  });

  it('should leave every edition old or new, never torn, when a build is killed with SIGKILL at any moment', async () => {
    // Kill points spread over the whole build (start-up, checking, rendering, writing).
    for (const delay of [5, 40, 90, 150, 210, 280, 350, 430, 520, 650]) {
      const child = spawn(process.execPath, [bin, 'build'], { cwd: folder, env, stdio: 'ignore' });
      // Listen from the start: a build faster than the delay has exited before the kill.
      const ended = exited(child);
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await ended;
      for (const [name, bytes] of editions(path.join(folder, 'output'))) {
        const isOld = oldEditions.get(name)?.equals(bytes) === true;
        const isNew = newEditions.get(name)?.equals(bytes) === true;
        expect(isOld || isNew, `${name} after a kill at ${delay} ms`).toBe(true);
      }
    }
    // The next build finishes the work and clears what killed builds left behind.
    expect(build(folder, 'output')).toBe(0);
    expect(
      readdirSync(path.join(folder, 'output')).filter((name) => name.endsWith('.tmp')),
    ).toEqual([]);
    expect(editions(path.join(folder, 'output'))).toEqual(newEditions);
  });

  it('should leave valid editions when two builds write into the same folder at once', async () => {
    const { folder: shared } = project();
    const first = spawn(process.execPath, [bin, 'build'], { cwd: shared, env, stdio: 'ignore' });
    const second = spawn(process.execPath, [bin, 'build'], { cwd: shared, env, stdio: 'ignore' });
    expect(await Promise.all([exited(first), exited(second)])).toEqual([0, 0]);
    expect(editions(path.join(shared, 'output'))).toEqual(newEditions);
    expect(readdirSync(path.join(shared, 'output')).filter((name) => name.startsWith('.'))).toEqual(
      [],
    );
  });
});

describe('confinement', () => {
  it('should reach no network during check and build', () => {
    const { folder } = project();
    const preload = path.join(fixtures, 'no-network.cjs');
    for (const command of ['check', 'build']) {
      const result = spawnSync(process.execPath, ['--require', preload, bin, command], {
        cwd: folder,
        env,
        encoding: 'utf8',
      });
      expect(result.status, result.stdout + result.stderr).toBe(0);
    }
  });

  it('should keep editions inside the output folder whatever the file name', () => {
    const { folder } = project();
    const sourceFolder = path.join(folder, 'source');
    const article = readFileSync(path.join(sourceFolder, 'alpha.md'), 'utf8');
    writeFileSync(path.join(sourceFolder, '-.md'), article);
    writeFileSync(path.join(sourceFolder, ' a name; with $pecial chars.md'), article);
    const result = spawnSync(process.execPath, [bin, 'build'], {
      cwd: folder,
      env,
      encoding: 'utf8',
    });
    expect(result.status, result.stdout).toBe(0);
    expect(readdirSync(path.join(folder, 'output')).sort()).toContain(
      'a-name-with-pecial-chars.pdf',
    );
    expect(readdirSync(path.join(folder, 'output')).sort()).toContain('article.pdf');
    // The cache lives outside the project (no package.json here: the user's cache folder).
    expect(readdirSync(folder).sort()).toEqual(['output', 'source']);
  });
});
