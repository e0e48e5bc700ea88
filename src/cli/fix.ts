import { randomBytes } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { fixArticle } from '../fix/fix.js';
import { overLimit } from '../parse/limits.js';
import { articleFromBytes, fatal, readArticle, readErrorId } from '../read/read.js';
import { type Format, report } from '../report/report.js';
import { parseErrorId } from '../run/pipeline.js';
import { type ConfigResult, configFinder } from './config.js';
import {
  type Invocation,
  collectFor,
  exitCode,
  slugClashes,
  unreadable,
  usageError,
  toolMeta,
} from './common.js';
import { readAll, stdinName } from './stdin.js';

/**
 * `fix [paths…]`: rewrite each article in place with the safe mechanical
 * fixes (src/fix/), atomically and keeping the file's mode; an article with
 * errors fix cannot repair is left alone and its errors reported (exit 1).
 * `--merge-duplicates` also merges the entries of the same source.
 * `fix -` reads standard input and prints the fixed article to standard output
 * (the report goes to standard error).
 */
export async function fixCommand(invocation: Invocation): Promise<number> {
  const { io, values, paths } = invocation;
  const findConfig = configFinder(io.cwd, values.config);
  if (paths[0] === '-') return fixStdin(invocation, findConfig);
  const project = await findConfig(io.cwd);
  if ('error' in project) return usageError(io, project.error);
  const { collected, files } = await collectFor(invocation, project.articles);
  const { accepted, clashes } = slugClashes(collected.paths, false);
  for (const clash of clashes) files.push(unreadable(clash.path, io.cwd, clash.reason));
  for (const article of accepted) {
    const config = await findConfig(path.dirname(path.resolve(io.cwd, article)));
    if ('error' in config) return usageError(io, config.error);
    const file = await readArticle(article, io.cwd);
    files.push(file);
    const text = await fixOne(file, config, values['merge-duplicates']);
    if (text === undefined || text === file.value) continue;
    try {
      await replaceFile(path.resolve(io.cwd, article), text);
    } catch (error) {
      fatal(file, `Cannot write the fixed article: ${(error as Error).message}`, readErrorId);
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  io.stdout.write(
    report(files, {
      format: values.format as Format,
      quiet: values.quiet,
      color: invocation.color,
      ...toolMeta(),
    }),
  );
  return exitCode(files, values.strict);
}

async function fixStdin(
  invocation: Invocation,
  findConfig: (folder: string) => Promise<ConfigResult>,
): Promise<number> {
  const { io, values } = invocation;
  const name = values['stdin-filename'] ?? stdinName;
  const config = await findConfig(
    name === stdinName ? io.cwd : path.dirname(path.resolve(io.cwd, name)),
  );
  if ('error' in config) return usageError(io, config.error);
  const file = articleFromBytes(await readAll(io.stdin), name, io.cwd);
  const text = await fixOne(file, config, values['merge-duplicates']);
  io.stdout.write(text ?? String(file));
  io.stderr.write(
    report([file], {
      format: values.format as Format,
      quiet: true,
      color: false,
      ...toolMeta(),
    }),
  );
  return exitCode([file], values.strict);
}

/**
 * The fixed text of an article read into `file` (`undefined` when it cannot
 * be fixed); what was done, what was refused and what remains go on `file`.
 */
async function fixOne(
  file: VFile,
  config: ConfigResult,
  mergeDuplicates: boolean,
): Promise<string | undefined> {
  if ('error' in config || file.messages.some((message) => message.ruleId === readErrorId))
    return undefined;
  const text = String(file.value);
  const problem = overLimit(text);
  if (problem) {
    fatal(file, `Cannot parse article: ${problem}`, parseErrorId);
    return undefined;
  }
  let result;
  try {
    result = await fixArticle(
      text,
      file.path,
      { ...config.options, today: new Date() },
      { mergeDuplicates },
    );
  } catch (error) {
    fatal(file, `Cannot fix article: ${(error as Error).message.split('\n')[0]}`, parseErrorId);
    return undefined;
  }
  file.messages.push(...result.remaining);
  if (result.refused.length > 0) {
    file.info(
      `Not fixed: ${result.refused.length === 1 ? 'an error' : `${result.refused.length} errors`} that fix cannot repair; correct ${result.refused.length === 1 ? 'it' : 'them'} by hand, then run fix again${mergeHint(result.refused, mergeDuplicates)}`,
      { ruleId: 'fix', source: 'citeproof' },
    );
    return undefined;
  }
  if (result.fixes.length > 0)
    file.info(`Fixed: ${result.fixes.join('; ')}`, { ruleId: 'fix', source: 'citeproof' });
  return result.text;
}

/** A pointer to `--merge-duplicates` when a duplicate entry is among the errors and it was not given. */
function mergeHint(errors: readonly VFileMessage[], mergeDuplicates: boolean): string {
  return !mergeDuplicates && errors.some((error) => error.ruleId === 'duplicate-source')
    ? ' (`--merge-duplicates` merges a duplicate entry of the same source)'
    : '';
}

/**
 * Replace a file atomically: a temporary file in the same folder (of the real
 * file, when it is a symbolic link), with the same mode, renamed over it.
 */
async function replaceFile(file: string, text: string): Promise<void> {
  const target = realpathSync(file);
  const { mode } = statSync(target);
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, text, { mode: mode & 0o7777, flush: true });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
