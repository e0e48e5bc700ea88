import { readFileSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { limits } from '../parse/limits.js';

/** Largest article read, in bytes: larger files are refused with a clear message. */
export const maxArticleBytes = limits.bytes;

/** The rule id of messages about files that cannot be read (exit code 2). */
export const readErrorId = 'read-error';

/** A path that could not be expanded into articles. */
export interface PathProblem {
  path: string;
  reason: string;
}

/**
 * Expand files and folders into article paths (`*.md`, folders searched
 * recursively, sorted), relative to `cwd` as given.
 */
export async function collectArticles(
  inputs: readonly string[],
  cwd: string,
): Promise<{ paths: string[]; problems: PathProblem[] }> {
  const paths = new Set<string>();
  const problems: PathProblem[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      problems.push({ path: input, reason: describeFsError(info) });
    } else if (info.isDirectory()) {
      const found = await markdownFilesIn(absolute, new Set());
      if (found.length === 0)
        problems.push({ path: input, reason: 'no articles (`*.md` files) in this folder' });
      for (const file of found) paths.add(path.relative(cwd, file) || file);
    } else {
      paths.add(path.relative(cwd, absolute) || absolute);
    }
  }
  return { paths: [...paths].sort(), problems };
}

async function markdownFilesIn(folder: string, seen: Set<string>): Promise<string[]> {
  const real = await realpath(folder);
  if (seen.has(real)) return [];
  seen.add(real);
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await markdownFilesIn(full, seen)));
    else if (entry.name.endsWith('.md') && (entry.isFile() || entry.isSymbolicLink()))
      files.push(full);
  }
  return files;
}

/**
 * Read one article into a VFile. A file that cannot be read, is not UTF-8
 * text or is too large gets one fatal `read-error` message instead of a value.
 * A byte-order mark is dropped so that columns count from the first character.
 */
export async function readArticle(filePath: string, cwd: string): Promise<VFile> {
  const file = new VFile({ path: filePath, cwd });
  let bytes: Buffer;
  try {
    // Synchronous: an article is small, and one read costs a tenth of the four
    // thread-pool round trips (open, stat, read, close) of the promise API.
    bytes = readFileSync(path.resolve(cwd, filePath));
  } catch (error) {
    return fail(file, describeFsError(error as NodeJS.ErrnoException));
  }
  if (bytes.length > maxArticleBytes) {
    return fail(
      file,
      `file is ${bytes.length} bytes, over the limit of ${maxArticleBytes} bytes for one article`,
    );
  }
  if (bytes.includes(0))
    return fail(file, 'binary file (it contains NUL bytes), expected UTF-8 Markdown text');
  try {
    file.value = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(file, 'invalid UTF-8, expected the file to be saved as UTF-8 text');
  }
  return file;
}

function fail(file: VFile, reason: string): VFile {
  file.value = '';
  return fatal(file, `Cannot read article: ${reason}`, readErrorId);
}

/** Put an error message (not tied to a place) on `file`; returns the file. */
export function fatal(file: VFile, reason: string, ruleId: string): VFile {
  const message = file.message(reason, { ruleId, source: 'citeproof' });
  message.fatal = true;
  return file;
}

/** One line for a file-system error, without a stack. */
export function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, expected a file';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symlink loop)';
    default:
      return error.code
        ? `${error.code.toLowerCase()}: ${firstLine(error.message)}`
        : firstLine(error.message);
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
