import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { limits } from '../parse/limits.js';

/** Largest article read, in bytes: larger files are refused with a clear message. */
export const maxArticleBytes = limits.bytes;

/** The rule id of messages about files that cannot be read (exit code 2). */
export const readErrorId = 'read-error';

/**
 * Read one article into a VFile. A file that cannot be read, is not UTF-8
 * text or is too large gets one fatal `read-error` message instead of a value.
 * A byte-order mark is dropped so that columns count from the first character.
 */
export async function readArticle(filePath: string, cwd: string): Promise<VFile> {
  let bytes: Buffer;
  try {
    // Synchronous: an article is small, and one read costs a tenth of the four
    // thread-pool round trips (open, stat, read, close) of the promise API.
    bytes = readBytes(path.resolve(cwd, filePath));
  } catch (error) {
    return fail(
      new VFile({ path: filePath, cwd }),
      describeFsError(error as NodeJS.ErrnoException),
    );
  }
  return articleFromBytes(bytes, filePath, cwd);
}

/** Decodes strict UTF-8, dropping a byte order mark; one for every article (a decode that is not streamed starts afresh). */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * What articles are read into: most fit, and are decoded before the next is read
 * (`articleFromBytes` keeps no bytes), so one buffer serves them all, without a
 * buffer (and a `stat` for its size) for each file as `readFileSync` takes.
 */
const shared = Buffer.allocUnsafe(256 * 1024);

/** The bytes of a file: a view of `shared` (valid until the next read) or, for a larger file, its own buffer. */
function readBytes(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    let length = 0;
    for (;;) {
      const read = readSync(fd, shared, length, shared.length - length, null);
      if (read === 0) return shared.subarray(0, length);
      length += read;
      if (length === shared.length) break;
    }
  } finally {
    closeSync(fd);
  }
  return readFileSync(file);
}

/** An article from bytes read elsewhere (standard input), checked as `readArticle` checks a file's. */
export function articleFromBytes(bytes: Buffer, filePath: string, cwd: string): VFile {
  const file = new VFile({ path: filePath, cwd });
  if (bytes.length > maxArticleBytes) {
    return fail(
      file,
      `file is ${bytes.length} bytes, over the limit of ${maxArticleBytes} bytes for one article`,
    );
  }
  if (bytes.includes(0))
    return fail(file, 'binary file (it contains NUL bytes), expected UTF-8 Markdown text');
  try {
    file.value = utf8.decode(bytes);
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
