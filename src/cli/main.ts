import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { VFile } from 'vfile';
import { slugOf } from '../model/article.js';
import { loadConfig } from './config.js';
import { unprocessableIds } from '../run/pipeline.js';
import { progressReporter } from '../run/progress.js';
import { collectArticles, fatal, readArticle, readErrorId } from '../read/read.js';
import { type Format, formats, report } from '../report/report.js';
import { runArticles } from '../run/run.js';
import { toolRoot } from '../run/tool-root.js';
import { removeStaleTemporaries, writeAtomically } from '../run/write.js';

/** What `main` runs with: everything from outside is passed in, so tests call it in-process. */
export interface Io {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** Exit codes (DESIGN.md). */
export const exitCodes = { ok: 0, citationErrors: 1, usage: 2 } as const;

/** Where the content-addressed cache lives, relative to the working folder. */
export const cacheFolder = '.citeproof-cache';

const usage = `Usage: citeproof <command> [paths…] [options]

Commands:
  check [paths…]             check articles (files or folders; default source/)
  build [paths…] [--out DIR] check articles and write their editions (default output/)
  import FILE… [--out PATH]  turn legacy plain-text articles into source articles
                             (PATH: a folder, default source/, or a .md file for one input)

Options:
  --format text|json|github|sarif  report format (default text)
  --strict                   warnings fail too (and block publishing)
  --quiet                    report problems only
  --out DIR                  where build writes editions (default output/)
  --shard I/N                only the I-th of N deterministic shards of the articles
  --jobs N                   worker threads (default: as many as pay off, up to the cores)
  --no-cache                 neither read nor write the cache (${cacheFolder}/)
  --help                     show this help
  --version                  show the version
  --debug                    show the stack of an internal error

Exit codes: 0 no errors, 1 citation errors, 2 usage error or unreadable input.
`;

const options = {
  format: { type: 'string', default: 'text' },
  strict: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  out: { type: 'string' },
  shard: { type: 'string' },
  jobs: { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
  version: { type: 'boolean', default: false },
  debug: { type: 'boolean', default: false },
} as const;

/** Run the CLI; resolves to the exit code. Never throws on bad input. */
export async function main(io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...io.argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(usage);
    return exitCodes.ok;
  }
  if (values.version) {
    io.stdout.write(`${version()}\n`);
    return exitCodes.ok;
  }
  const [command, ...paths] = positionals;
  if (command === 'import') return importCommand(io, paths, values.out, values.format as Format);
  if (command !== 'check' && command !== 'build') {
    return usageError(
      io,
      command === undefined ? 'missing command' : `unknown command \`${command}\``,
    );
  }
  if (!formats.includes(values.format as Format)) {
    return usageError(
      io,
      `unknown format \`${values.format}\`, expected one of ${formats.join(', ')}`,
    );
  }
  if (command === 'check' && values.out !== undefined)
    return usageError(io, '`--out` only applies to `build`');
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (shard === null)
    return usageError(
      io,
      `invalid \`--shard ${values.shard}\`, expected I/N with 1 ≤ I ≤ N, such as 1/4`,
    );
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 0)) {
    return usageError(io, `invalid \`--jobs ${values.jobs}\`, expected a whole number`);
  }
  const config = await loadConfig(io.cwd);
  if ('error' in config) return usageError(io, config.error);

  const { paths: found, problems } = await collectArticles(
    paths.length > 0 ? paths : ['source'],
    io.cwd,
  );
  const files: VFile[] = problems.map((problem) =>
    unreadable(problem.path, io.cwd, problem.reason),
  );
  const articles = shard
    ? found.filter((_, index) => index % shard.count === shard.index - 1)
    : found;
  const out = command === 'build' ? (values.out ?? 'output') : undefined;
  const accepted: string[] = [];
  const slugs = new Map<string, string>();
  for (const article of articles) {
    const other = slugs.get(slugOf(article));
    if (out !== undefined && other !== undefined) {
      files.push(
        unreadable(
          article,
          io.cwd,
          `its slug \`${slugOf(article)}\` is also the slug of ${other}; rename one of them`,
        ),
      );
    } else {
      slugs.set(slugOf(article), article);
      accepted.push(article);
    }
  }
  if (out !== undefined) await removeStaleTemporaries(path.resolve(io.cwd, out));
  const progress = progressReporter(io.stderr, io.env);
  files.push(
    ...(await runArticles(accepted, {
      cwd: io.cwd,
      strict: values.strict,
      env: io.env,
      check: { ...config.options, today: new Date() },
      articles: config.articles ?? 'source',
      ...(out === undefined ? {} : { out }),
      ...(values['no-cache'] ? {} : { cacheDir: path.resolve(io.cwd, cacheFolder) }),
      ...(jobs === undefined ? {} : { jobs }),
      onProgress: progress.update,
    })),
  );
  progress.end();
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  io.stdout.write(
    report(files, {
      format: values.format as Format,
      quiet: values.quiet,
      color: io.stdout.isTTY === true && !io.env['NO_COLOR'],
      version: version(),
    }),
  );
  return exitCode(files, values.strict);
}

/** 2 when an input cannot be read, parsed or built, 1 on citation errors (or warnings when strict), else 0. */
export function exitCode(files: readonly VFile[], strict: boolean): number {
  const messages = files.flatMap((file) => file.messages);
  if (messages.some((message) => unprocessableIds.has(message.ruleId ?? '')))
    return exitCodes.usage;
  if (messages.some((message) => message.fatal === true || (strict && message.fatal === false))) {
    return exitCodes.citationErrors;
  }
  return exitCodes.ok;
}

/** `I/N` as a shard, or `null` when it is not one. */
export function parseShard(value: string): { index: number; count: number } | null {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  return match && index >= 1 && index <= count ? { index, count } : null;
}

/**
 * `import`: legacy texts to source articles, written atomically. An existing
 * file with other bytes is never overwritten (it may hold an editor's work).
 */
async function importCommand(
  io: Io,
  inputs: string[],
  out: string | undefined,
  format: Format,
): Promise<number> {
  if (inputs.length === 0) return usageError(io, '`import` needs at least one FILE');
  if (out?.endsWith('.md') && inputs.length > 1)
    return usageError(io, '`--out FILE.md` takes one input; give a folder for several');
  const { importLegacy } = await import('../import/legacy.js');
  const files: VFile[] = [];
  for (const input of inputs) {
    const file = await readArticle(input, io.cwd);
    files.push(file);
    if (file.messages.length > 0) continue;
    const result = importLegacy(String(file.value));
    for (const note of result.notes) {
      const message = file.message(note.reason, {
        place: { line: note.line, column: 1 },
        ruleId: 'import',
        source: 'citeproof',
      });
      if (note.severity === 'info') message.fatal = undefined;
    }
    const target = path.resolve(
      io.cwd,
      out?.endsWith('.md') ? out : path.join(out ?? 'source', `${result.slug}.md`),
    );
    const existing = await readFile(target, 'utf8').catch(() => undefined);
    if (existing !== undefined && existing !== result.markdown) {
      fatal(
        file,
        `Cannot import: ${path.relative(io.cwd, target)} exists with other content (an editor's work?); move it away or choose --out`,
        readErrorId,
      );
      continue;
    }
    await writeAtomically([{ path: target, content: result.markdown }]);
    file.info(`Imported to ${path.relative(io.cwd, target)}`, {
      ruleId: 'import',
      source: 'citeproof',
    });
  }
  io.stdout.write(
    report(files, {
      format,
      color: io.stdout.isTTY === true && !io.env['NO_COLOR'],
      version: version(),
    }),
  );
  return exitCode(files, false);
}

function unreadable(filePath: string, cwd: string, reason: string): VFile {
  return fatal(new VFile({ path: filePath, cwd }), `Cannot read: ${reason}`, readErrorId);
}

function usageError(io: Io, reason: string): number {
  io.stderr.write(`citeproof: ${reason} (see \`citeproof --help\`)\n`);
  return exitCodes.usage;
}

function version(): string {
  const manifest = JSON.parse(readFileSync(path.join(toolRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}
