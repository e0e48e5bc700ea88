import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
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
      const temporary = path.join(path.dirname(edition.path), temporaryName());
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

/**
 * Temporary files are named `.citeproof-<created>-<host>-<pid>-<random>.tmp`:
 * hidden, never an article (`.tmp`), never longer than 60 bytes whatever the
 * target's name, with the time they were made (base 36 milliseconds) and the
 * host that made them (a hash of the host name, boot and PID namespace), so any
 * later run on any host can tell a stale one: one its own host's process left
 * and that process is gone, or any older than `temporaryGraceMs`.
 */
const temporaryPattern =
  /^\.citeproof-([0-9a-z]{1,11})-([0-9a-f]{8})-(\d{1,10})-[0-9a-f]{8}\.tmp$/u;

/** The temporaries of earlier versions: `.<name>.<pid>.<random>.tmp`. */
const olderTemporaryPattern = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/u;

/** How long a temporary may live: a write takes milliseconds, a slow disk seconds. */
export const temporaryGraceMs = 10 * 60 * 1000;

/** The name of a new temporary file. */
export function temporaryName(now = Date.now()): string {
  return `.citeproof-${now.toString(36)}-${hostId()}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

let cachedHostId: string | undefined;

/**
 * This host (and PID namespace) as 8 hex digits: processes of two containers
 * on one volume, or of two machines on NFS, have different ones, so neither
 * takes the other's process ids for its own.
 */
export function hostId(): string {
  cachedHostId ??= computeHostId();
  return cachedHostId;
}

/** `hostId` computed afresh (exported for the tests: `hostId` keeps the first answer). */
export function computeHostId(): string {
  return createHash('sha256')
    .update([hostname(), linuxId('/proc/sys/kernel/random/boot_id'), pidNamespace()].join('\0'))
    .digest('hex')
    .slice(0, 8);
}

function linuxId(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}

/** Whether a temporary file named `name` (last changed at `modified`) was left by a run that is gone. */
export function isStaleTemporary(name: string, modified: number, now = Date.now()): boolean {
  const match = temporaryPattern.exec(name);
  if (!match) return olderTemporaryPattern.test(name) && now - modified > temporaryGraceMs;
  const created = Number.parseInt(match[1] ?? '', 36);
  if (now - Math.min(created, modified) > temporaryGraceMs) return true;
  const pid = Number(match[3]);
  return match[2] === hostId() && pid !== process.pid && !isRunning(pid);
}

/**
 * Remove temporary files that killed runs left in `folder` (see
 * `isStaleTemporary`); a running build's files are left alone. Resolves to
 * the names removed.
 */
export async function removeStaleTemporaries(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const stale: string[] = [];
  for (const name of names) {
    if (!name.endsWith('.tmp')) continue;
    const modified = await stat(path.join(folder, name)).then(
      (info) => info.mtimeMs,
      () => undefined,
    );
    if (modified !== undefined && isStaleTemporary(name, modified)) stale.push(name);
  }
  await Promise.all(stale.map((name) => rm(path.join(folder, name), { force: true })));
  return stale;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Why `out` may not be the output folder of a build reading `inputs` (files
 * and folders as given) and `articles` (the files found), or `undefined`: it
 * must not be a folder read for articles, lie inside one, or contain one, and
 * must not be the folder of an article given by name — else editions would
 * replace the sources, or be read as articles by the next build.
 */
export async function outputFolderProblem(
  out: string,
  inputs: readonly string[],
  articles: readonly string[],
  cwd: string,
): Promise<string | undefined> {
  const target = await realTarget(path.resolve(cwd, out));
  const folders: string[] = [];
  const parents = new Set<string>();
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isDirectory()) folders.push(await realTarget(absolute));
  }
  for (const article of articles)
    parents.add(await realTarget(path.dirname(path.resolve(cwd, article))));
  for (const folder of folders) {
    const shown = path.relative(cwd, folder) || '.';
    if (folder === target) return `it is the source folder \`${shown}\``;
    if (isInside(target, folder)) return `it lies inside the source folder \`${shown}\``;
    if (isInside(folder, target)) return `it contains the source folder \`${shown}\``;
  }
  for (const parent of parents)
    if (parent === target)
      return `it is the folder of the articles given (\`${path.relative(cwd, parent) || '.'}\`)`;
  return undefined;
}

/** Whether `inner` lies strictly inside `outer`. */
function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  // `..out` is a folder inside; only `..` itself or `../…` leaves `outer`.
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}

/** `target` with its longest existing ancestor resolved through symlinks. */
async function realTarget(target: string): Promise<string> {
  const rest: string[] = [];
  for (let folder = target; ; folder = path.dirname(folder)) {
    try {
      return path.join(await realpath(folder), ...rest.reverse());
    } catch {
      if (path.dirname(folder) === folder) return target;
      rest.push(path.basename(folder));
    }
  }
}
