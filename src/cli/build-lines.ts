import { statSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { editions } from '../editions/index.js';
import { slugOf } from '../model/article.js';
import { publishable, unprocessableIds } from '../run/pipeline.js';

/** What an edition file was before a build: its identity, or absent. */
export type EditionStates = Map<string, string | undefined>;

/** One line of what `build` did with an edition. */
export interface EditionLine {
  state: 'written' | 'unchanged' | 'withheld' | 'not written';
  text: string;
}

/** The editions' files of `articles` (relative to `cwd`) and their identities now. */
export function editionStates(
  articles: readonly string[],
  cwd: string,
  out: string,
): EditionStates {
  const states: EditionStates = new Map();
  for (const article of articles)
    for (const file of editionFiles(article, out))
      states.set(file, identity(path.resolve(cwd, file)));
  return states;
}

/**
 * One line per edition: written (its file was replaced), unchanged (same
 * bytes, so left alone), withheld (the article has errors, or warnings under
 * `--strict`; the previous edition stays), or not written (building failed).
 */
export function editionLines(
  files: readonly VFile[],
  before: EditionStates,
  options: { cwd: string; out: string; strict: boolean },
): EditionLine[] {
  const lines: EditionLine[] = [];
  for (const file of files) {
    const outputs = editionFiles(file.path, options.out);
    if (!outputs.every((output) => before.has(output))) continue; // not an article this run built
    const failure = file.messages.find((message) => unprocessableIds.has(message.ruleId ?? ''));
    if (failure) {
      for (const output of outputs)
        lines.push({ state: 'not written', text: `${output}: not written (${failure.reason})` });
      continue;
    }
    if (!publishable(file, options.strict)) {
      const errors = file.messages.filter((message) => message.fatal === true).length;
      const warnings = file.messages.filter((message) => message.fatal === false).length;
      const why =
        errors > 0
          ? `${errors} ${errors === 1 ? 'error' : 'errors'}`
          : `${warnings} ${warnings === 1 ? 'warning' : 'warnings'} under --strict`;
      for (const output of outputs)
        lines.push({
          state: 'withheld',
          text: `${output}: withheld, ${file.path} has ${why}${identityOf(before, output) === undefined ? '' : ' (the previous edition stays)'}`,
        });
      continue;
    }
    for (const output of outputs) {
      const now = identity(path.resolve(options.cwd, output));
      const state =
        now !== undefined && now === identityOf(before, output) ? 'unchanged' : 'written';
      lines.push({ state, text: `${output}: ${state}` });
    }
  }
  return lines;
}

function editionFiles(article: string, out: string): string[] {
  const base = path.join(out, slugOf(article));
  return editions.map((edition) => base + edition.extension);
}

function identityOf(states: EditionStates, file: string): string | undefined {
  return states.get(file);
}

/** A file's identity: a replaced file (atomic rename) gets a new inode and time. */
function identity(file: string): string | undefined {
  try {
    const info = statSync(file, { bigint: true });
    return `${info.dev}:${info.ino}:${info.mtimeNs}:${info.size}`;
  } catch {
    return undefined;
  }
}
