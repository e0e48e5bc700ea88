import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  computeHostId,
  hostId,
  isStaleTemporary,
  outputFolderProblem,
  temporaryGraceMs,
  temporaryName,
} from '../src/run/write.js';

// Where a build may write (in process; the CLI's refusal: reliability.test.ts), and which
// temporary files a run may remove (the removal itself: write.test.ts).

describe('the output folder of a build', () => {
  /** A project with `source/a.md`, `notes/b.md` and a link `linked` to `source`. */
  function project(): string {
    const cwd = mkdtempSync(path.join(tmpdir(), 'citeproof-out-'));
    mkdirSync(path.join(cwd, 'source'));
    mkdirSync(path.join(cwd, 'notes'));
    writeFileSync(path.join(cwd, 'source', 'a.md'), '');
    writeFileSync(path.join(cwd, 'notes', 'b.md'), '');
    symlinkSync(path.join(cwd, 'source'), path.join(cwd, 'linked'));
    return cwd;
  }

  it('should refuse the source folder, a folder inside it or one that contains it', async () => {
    const cwd = project();
    const problem = (out: string, inputs = ['source']): Promise<string | undefined> =>
      outputFolderProblem(out, inputs, ['source/a.md'], cwd);
    expect(await problem('source')).toBe('it is the source folder `source`');
    expect(await problem('source/')).toBe('it is the source folder `source`');
    expect(await problem('source/out')).toBe('it lies inside the source folder `source`');
    expect(await problem('source/out/deeper')).toBe('it lies inside the source folder `source`');
    // A name that starts with two dots is inside, not above.
    expect(await problem('source/..out')).toBe('it lies inside the source folder `source`');
    expect(await problem('.')).toBe('it contains the source folder `source`');
    expect(await problem('output', ['.'])).toBe('it lies inside the source folder `.`');
    expect(await problem('.', ['.'])).toBe('it is the source folder `.`');
  });

  it('should see through a symbolic link, even to a folder not made yet', async () => {
    const cwd = project();
    expect(await outputFolderProblem('linked', ['source'], [], cwd)).toBe(
      'it is the source folder `source`',
    );
    expect(await outputFolderProblem('linked/new/out', ['source'], [], cwd)).toBe(
      'it lies inside the source folder `source`',
    );
    expect(await outputFolderProblem('source', ['linked'], [], cwd)).toBe(
      'it is the source folder `source`',
    );
  });

  it('should refuse the folder of an article given by name, and accept a folder beside the sources', async () => {
    const cwd = project();
    expect(await outputFolderProblem('notes', ['notes/b.md'], ['notes/b.md'], cwd)).toBe(
      'it is the folder of the articles given (`notes`)',
    );
    writeFileSync(path.join(cwd, 'c.md'), '');
    expect(await outputFolderProblem('.', ['c.md'], ['c.md'], cwd)).toBe(
      'it is the folder of the articles given (`.`)',
    );
    expect(
      await outputFolderProblem(
        'output',
        ['source', 'notes/b.md'],
        ['source/a.md', 'notes/b.md'],
        cwd,
      ),
    ).toBeUndefined();
    // An input that does not exist, or is a file, is no source folder.
    expect(await outputFolderProblem('output', ['output', 'notes/b.md'], [], cwd)).toBeUndefined();
    expect(await outputFolderProblem('notes', ['notes/b.md'], [], cwd)).toBeUndefined();
    // With only files given, no folder is read for articles: even the root may take the editions.
    expect(
      await outputFolderProblem(path.parse(cwd).root, ['notes/b.md'], [], cwd),
    ).toBeUndefined();
  });
});

describe('stale temporary files', () => {
  const now = Date.UTC(2026, 11, 1, 12);
  const named = (created: number, host = hostId(), pid = process.ppid): string =>
    `.citeproof-${created.toString(36)}-${host}-${pid}-0123abcd.tmp`;

  it('should name a temporary by its time, host and process, so another run can judge it', () => {
    expect(temporaryName(now)).toMatch(
      new RegExp(
        `^\\.citeproof-${now.toString(36)}-${hostId()}-${process.pid}-[0-9a-f]{8}\\.tmp$`,
        'u',
      ),
    );
    expect(isStaleTemporary(temporaryName(now), now, now)).toBe(false);
  });

  it('should take any temporary older than the grace period as stale, by its name or its file time', () => {
    const fresh = now - temporaryGraceMs;
    const old = now - temporaryGraceMs - 1;
    // A running process (our parent) on this host: stale only by age.
    expect(isStaleTemporary(named(fresh), fresh, now)).toBe(false);
    expect(isStaleTemporary(named(old), fresh, now)).toBe(true);
    expect(isStaleTemporary(named(fresh), old, now)).toBe(true);
    expect(
      isStaleTemporary(named(fresh, 'ffffffff' === hostId() ? 'eeeeeeee' : 'ffffffff'), fresh, now),
    ).toBe(false);
    // An earlier version's name has no time: its file time decides.
    expect(isStaleTemporary('.article.pdf.123.0123abcd.tmp', fresh, now)).toBe(false);
    expect(isStaleTemporary('.article.pdf.123.0123abcd.tmp', old, now)).toBe(true);
    expect(isStaleTemporary('article.pdf', old, now)).toBe(false);
  });

  it('should derive the host id from the host name, the boot and the PID namespace', () => {
    // Two containers on one volume share a host name at times, never a PID namespace;
    // two machines never share a boot id.
    const read = (file: string, how: (file: string) => string): string => {
      try {
        return how(file);
      } catch {
        return '';
      }
    };
    const boot = read('/proc/sys/kernel/random/boot_id', (file) =>
      readFileSync(file, 'utf8').trim(),
    );
    const namespace = read('/proc/self/ns/pid', readlinkSync);
    expect(boot).toMatch(/^[0-9a-f-]{36}$/u);
    expect(namespace).toMatch(/^pid:\[\d+\]$/u);
    expect(hostId()).toBe(computeHostId());
    expect(computeHostId()).toBe(
      createHash('sha256')
        .update([hostname(), boot, namespace].join('\0'))
        .digest('hex')
        .slice(0, 8),
    );
  });
});
