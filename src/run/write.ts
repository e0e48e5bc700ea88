import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A file to publish: where, and its bytes. */
export interface OutputFile {
  path: string;
  content: string | Uint8Array;
}

/**
 * Write editions atomically: each goes to a temporary file in its own folder,
 * and only when all are written are they renamed into place, so a reader sees
 * the old file or the new one, never a torn one. Files whose bytes are
 * unchanged are left alone (their times too). Resolves to the paths written.
 */
export async function writeAtomically(editions: readonly OutputFile[]): Promise<string[]> {
  const changed: OutputFile[] = [];
  for (const edition of editions) if (!(await sameBytes(edition))) changed.push(edition);
  const staged: Array<{ temporary: string; target: string }> = [];
  try {
    for (const edition of changed) {
      await mkdir(path.dirname(edition.path), { recursive: true });
      const temporary = path.join(
        path.dirname(edition.path),
        temporaryName(path.basename(edition.path)),
      );
      staged.push({ temporary, target: edition.path });
      await writeFile(temporary, edition.content, { flush: true });
    }
    for (const { temporary, target } of staged) await rename(temporary, target);
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
    throw error;
  }
  return changed.map((edition) => edition.path);
}

async function sameBytes(edition: OutputFile): Promise<boolean> {
  try {
    const existing = await readFile(edition.path);
    const wanted =
      typeof edition.content === 'string' ? Buffer.from(edition.content) : edition.content;
    return existing.equals(wanted);
  } catch {
    return false;
  }
}

const temporaryPattern = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/u;

/** The name of a temporary file for `name`: hidden, with this process's id, never an article (`.tmp`). */
function temporaryName(name: string): string {
  return `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/**
 * Remove temporary files that a killed build left in `folder` (those of
 * processes no longer running); a running build's files are left alone.
 * Resolves to the names removed.
 */
export async function removeStaleTemporaries(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    const pid = Number(temporaryPattern.exec(name)?.[1]);
    return Number.isInteger(pid) && pid > 0 && !isRunning(pid);
  });
  await Promise.all(stale.map((name) => rm(path.join(folder, name), { force: true })));
  return stale;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
