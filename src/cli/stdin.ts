import path from 'node:path';
import type { VFile } from 'vfile';
import { overLimit } from '../parse/limits.js';
import { articleFromBytes, fatal, readErrorId } from '../read/read.js';
import { type Format, report } from '../report/report.js';
import { parseAndCheck } from '../rules/check.js';
import { parseErrorId } from '../run/pipeline.js';
import type { ConfigResult } from './config.js';
import { type Invocation, type Outcome, exitCode, usageError, toolMeta } from './common.js';

/** The name messages give an article read from standard input without `--stdin-filename`. */
export const stdinName = '<stdin>';

/** All of a stream's bytes (none when there is no stream). */
export async function readAll(stream?: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  if (stream) for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * Read one article from standard input, named by `--stdin-filename` (which
 * also says where its configuration is found), and check it: `check -`.
 */
export async function checkStdin(
  invocation: Invocation,
  findConfig: (folder: string) => Promise<ConfigResult>,
): Promise<Outcome> {
  const { io, values } = invocation;
  const name = values['stdin-filename'] ?? stdinName;
  const config = await findConfig(
    name === stdinName ? io.cwd : path.dirname(path.resolve(io.cwd, name)),
  );
  if ('error' in config) return { files: [], code: usageError(io, config.error) };
  const file = await checkBytes(await readAll(io.stdin), name, io.cwd, {
    ...config.options,
    today: new Date(),
  });
  io.stdout.write(
    report([file], {
      format: values.format as Format,
      quiet: values.quiet,
      color: invocation.color,
      ...toolMeta(),
    }),
  );
  return { files: [file], code: exitCode([file], values.strict) };
}

/** Check an article's bytes as the pipeline checks a file's: read, limits, parse, rules. */
export async function checkBytes(
  bytes: Buffer,
  name: string,
  cwd: string,
  options: Parameters<typeof parseAndCheck>[1],
): Promise<VFile> {
  const file = articleFromBytes(bytes, name, cwd);
  if (file.messages.some((message) => message.ruleId === readErrorId)) return file;
  const problem = overLimit(String(file.value));
  if (problem) return fatal(file, `Cannot parse article: ${problem}`, parseErrorId);
  try {
    await parseAndCheck(file, options);
  } catch (error) {
    file.messages = [];
    const reason =
      error instanceof RangeError
        ? 'it is nested too deeply for the parser'
        : String((error as Error).message).split('\n')[0];
    return fatal(file, `Cannot parse article: ${reason}`, parseErrorId);
  }
  return file;
}
