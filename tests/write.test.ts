import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostId, removeStaleTemporaries, writeAtomically } from '../src/run/write.js';

const scratch = (): string => mkdtempSync(path.join(tmpdir(), 'citeproof-write-'));
const temporaries = (folder: string): string[] =>
  readdirSync(folder).filter((name) => name.endsWith('.tmp'));

/** The pid of a process that has exited (so no running process has it, for now). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid;
}

describe('atomic writes of editions', () => {
  it('should replace an edition by renaming a complete file over it, so a reader never sees it half-written', async () => {
    const folder = scratch();
    const target = path.join(folder, 'article.pdf');
    writeFileSync(target, 'old edition');
    const before = statSync(target).ino;
    // A reader that opened the old edition keeps reading the old bytes, whole:
    // the new edition is a new file renamed over the name, not the old one rewritten.
    const reader = openSync(target, 'r');
    try {
      expect(await writeAtomically([{ path: target, content: 'the new edition' }])).toEqual([
        target,
      ]);
      const buffer = Buffer.alloc(64);
      const read = readSync(reader, buffer, 0, buffer.length, 0);
      expect(buffer.subarray(0, read).toString()).toBe('old edition');
    } finally {
      closeSync(reader);
    }
    expect(readFileSync(target, 'utf8')).toBe('the new edition');
    expect(statSync(target).ino).not.toBe(before);
    expect(temporaries(folder)).toEqual([]);
  });

  it('should leave the old bytes of every edition when a write fails before the renames', async () => {
    const folder = scratch();
    const markdown = path.join(folder, 'article.md');
    writeFileSync(markdown, 'old markdown\n');
    // The PDF's folder cannot be made (a file has its name): the failure comes
    // after the Markdown edition is written to its temporary file, before any rename.
    writeFileSync(path.join(folder, 'blocked'), '');
    await expect(
      writeAtomically([
        { path: markdown, content: 'new markdown\n' },
        { path: path.join(folder, 'blocked', 'article.pdf'), content: Buffer.from('%PDF') },
      ]),
    ).rejects.toThrow();
    expect(readFileSync(markdown, 'utf8')).toBe('old markdown\n');
    expect(temporaries(folder)).toEqual([]);
  });

  it('should leave an edition with the same bytes untouched and report only the files written', async () => {
    const folder = scratch();
    const same = path.join(folder, 'same.pdf');
    const changed = path.join(folder, 'changed.md');
    writeFileSync(same, Buffer.from([1, 2, 3]));
    writeFileSync(changed, 'old\n');
    const inode = statSync(same).ino;
    const written = await writeAtomically([
      { path: same, content: new Uint8Array([1, 2, 3]) },
      { path: changed, content: 'new\n' },
      { path: path.join(folder, 'new', 'made.md'), content: 'made\n' },
    ]);
    expect(written).toEqual([changed, path.join(folder, 'new', 'made.md')]);
    expect(statSync(same).ino).toBe(inode);
    expect(readFileSync(changed, 'utf8')).toBe('new\n');
    expect(readFileSync(path.join(folder, 'new', 'made.md'), 'utf8')).toBe('made\n');
  });

  it('should rewrite an edition whose bytes differ only in length or in a string edition', async () => {
    const folder = scratch();
    const target = path.join(folder, 'a.md');
    writeFileSync(target, 'abc');
    expect(await writeAtomically([{ path: target, content: 'abcd' }])).toEqual([target]);
    expect(await writeAtomically([{ path: target, content: 'abcd' }])).toEqual([]);
    expect(readFileSync(target, 'utf8')).toBe('abcd');
  });
});

describe('a write that fails', () => {
  it('should throw its own error, not one from cleaning up a temporary never made', async () => {
    const folder = scratch();
    await expect(
      writeAtomically([
        { path: path.join(folder, 'a.md'), content: 'a' },
        // Not bytes: the write of its temporary file fails before the file exists.
        { path: path.join(folder, 'b.md'), content: 42 as unknown as string },
      ]),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe('temporary files a killed build left', () => {
  it('should remove the temporaries of processes no longer running and keep everything else', async () => {
    const folder = scratch();
    const dead = deadPid();
    const now = Date.now().toString(36);
    const name = (host: string, pid: number | string): string =>
      `.citeproof-${now}-${host}-${pid}-0123abcd.tmp`;
    const names = [
      name(hostId(), dead),
      name(hostId(), process.pid),
      'article.md',
      `.citeproof-${now}-${hostId()}-${dead}-not-hex!.tmp`,
      `citeproof-${now}-${hostId()}-${dead}-0123abcd.tmp`,
      // Another host's (or container's) process ids are not ours to judge: kept until the grace ends.
      name('ffffffff' === hostId() ? 'eeeeeeee' : 'ffffffff', dead),
      // Processes still running: our parent, and init.
      name(hostId(), process.ppid),
      name(hostId(), 1),
      // An earlier version's name, fresh: kept until the grace period ends.
      `.article.pdf.${dead}.0123abcd.tmp`,
    ];
    for (const each of names) writeFileSync(path.join(folder, each), '');
    expect(await removeStaleTemporaries(folder)).toEqual([name(hostId(), dead)]);
    expect(readdirSync(folder).sort()).toEqual(names.slice(1).sort());
  });

  it('should find nothing to remove in a folder that does not exist', async () => {
    expect(await removeStaleTemporaries(path.join(scratch(), 'missing'))).toEqual([]);
  });
});
