import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { VFile } from 'vfile';
import { slugOf } from '../model/article.js';
import { type ConfigResult, configFinder, defaultArticles } from './config.js';
import { editionStates, editionLines } from './build-lines.js';
import { fixCommand } from './fix.js';
import { unprocessableIds } from '../run/pipeline.js';
import { progressReporter } from '../run/progress.js';
import { collectArticles } from '../read/collect.js';
import { fatal, readArticle, readErrorId } from '../read/read.js';
import { type Format, formats, report } from '../report/report.js';
import { closest } from '../rules/did-you-mean.js';
import { runArticles } from '../run/run.js';
import { toolRoot } from '../run/tool-root.js';
import { removeStaleTemporaries, writeAtomically } from '../run/write.js';
import { checkStdin } from './stdin.js';

/** What `main` runs with: everything from outside is passed in, so tests call it in-process. */
export interface Io {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Standard input, read by `check -` (absent: empty). */
  stdin?: AsyncIterable<Uint8Array | string>;
  /** Aborts `--watch` (the bin: never; tests: when done). */
  signal?: AbortSignal;
}

/** Exit codes (DESIGN.md). */
export const exitCodes = { ok: 0, citationErrors: 1, usage: 2 } as const;

/** Where the content-addressed cache lives, relative to the working folder. */
export const cacheFolder = '.citeproof-cache';

/** The commands, with their one-line help. */
const commands = {
  check: 'check articles (files, folders or globs; default the articles folder, source/)',
  build: 'check articles and write their editions (default out: output/)',
  fix: 'rewrite articles in place with the safe mechanical fixes',
  import: 'turn legacy plain-text articles into source articles',
} as const;
type Command = keyof typeof commands;

const usage = `Usage: citeproof <command> [paths…] [options]

Commands:
  check [paths…]             ${commands.check}
  check -                    check one article read from standard input
  build [paths…] [--out DIR] ${commands.build}
  fix [paths…]               ${commands.fix}
                             (notes renumbered and entries put in order of first
                             reference, plain [n] markers made footnotes); fix - prints
  import FILE… [--out PATH]  ${commands.import}
                             (PATH: a folder, default source/, or a .md file for one input)

Paths: files, folders and globs ('source/**/*.md'); '!glob' leaves files out. A folder
that holds the articles folder (\`check .\`) stands for it. .gitignore and .citeproofignore
are honoured; dot-files are skipped unless named.

Options:
  --format text|json|github|sarif  report format (default text)
  --strict                   warnings fail too (and block publishing)
  --quiet                    report problems only
  --verbose                  say which files were skipped and why
  --out DIR                  where build writes editions (default output/)
  --watch                    build, then build again whenever an article or figure changes
  --config PATH              use this configuration file (default: the nearest
                             citeproof.config.json, .citeproofrc or package.json "citeproof"
                             key up from each article)
  --ignore-pattern GLOB      leave out files matching GLOB (gitignore syntax; repeatable)
  --no-ignore                do not read .gitignore and .citeproofignore
  --stdin-filename PATH      the path of the article read from standard input
  --shard I/N                only the I-th of N deterministic shards of the articles
  --jobs N                   worker threads (default: as many as pay off, up to the cores)
  --no-cache                 neither read nor write the cache (${cacheFolder}/)
  --color, --no-color        colour the text report or not (default: when a terminal;
                             FORCE_COLOR and NO_COLOR are honoured)
  -h, --help                 show this help
  -v, --version              show the version
  --debug                    show the stack of an internal error

Exit codes: 0 no errors, 1 citation errors, 2 usage error or unreadable input.
Rules: docs/rules.md in the package, or \`citeproof --help\` and the README.
`;

const options = {
  format: { type: 'string', default: 'text' },
  strict: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  out: { type: 'string' },
  watch: { type: 'boolean', default: false },
  config: { type: 'string' },
  'ignore-pattern': { type: 'string', multiple: true },
  'no-ignore': { type: 'boolean', default: false },
  'stdin-filename': { type: 'string' },
  shard: { type: 'string' },
  jobs: { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
  debug: { type: 'boolean', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];

/** The parsed command line that the commands run with. */
export interface Invocation {
  io: Io;
  values: Values;
  paths: string[];
  color: boolean;
}

/** Run the CLI; resolves to the exit code. Never throws on bad input. */
export async function main(io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...io.argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(io, describeArgError(error as Error & { code?: string }));
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
  if (command === undefined) return usageError(io, 'missing command');
  if (!(command in commands)) {
    const hint = closest(command, Object.keys(commands), ', did you mean `%s`?');
    return usageError(
      io,
      `unknown command \`${command}\`${hint ?? `, expected one of ${Object.keys(commands).join(', ')}`}`,
    );
  }
  if (!formats.includes(values.format as Format)) {
    const hint = closest(values.format, formats, ', did you mean `%s`?');
    return usageError(
      io,
      `unknown format \`${values.format}\`${hint ?? `, expected one of ${formats.join(', ')}`}`,
    );
  }
  const invocation: Invocation = { io, values, paths, color: useColor(io, values) };
  const problem = misplacedOption(command as Command, values, paths);
  if (problem) return usageError(io, problem);
  switch (command as Command) {
    case 'import':
      return importCommand(invocation);
    case 'fix':
      return fixCommand(invocation);
    case 'build':
      if (values.watch) return (await import('./watch.js')).watchBuild(invocation);
      return checkOrBuild(invocation, 'build');
    default:
      return checkOrBuild(invocation, 'check');
  }
}

/** An option given to a command it does not apply to, as a one-line reason. */
function misplacedOption(command: Command, values: Values, paths: string[]): string | undefined {
  if (command === 'check' && values.out !== undefined) return '`--out` only applies to `build`';
  if (values.watch && command !== 'build') return '`--watch` only applies to `build`';
  const stdin = paths.includes('-');
  if (stdin && command !== 'check' && command !== 'fix')
    return '`-` (standard input) only applies to `check` and `fix`';
  if (stdin && paths.length > 1) return '`-` (standard input) cannot be mixed with paths';
  if (values['stdin-filename'] !== undefined && !stdin)
    return '`--stdin-filename` only applies with `-` (standard input)';
  return undefined;
}

/** The usage error of Node's argument parser in one line, with a did-you-mean for an unknown option. */
function describeArgError(error: Error & { code?: string }): string {
  const unknown = /^Unknown option '([^']+)'/u.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== undefined) {
    const names = Object.entries(options).flatMap(([name, option]) => [
      `--${name}`,
      ...('short' in option ? [`-${option.short}`] : []),
    ]);
    const hint = closest(unknown, names, ', did you mean `%s`?');
    return `unknown option \`${unknown}\`${hint ?? ''}`;
  }
  return error.message.split('. ')[0] ?? error.message;
}

/** Colour: `--color`/`--no-color`, else `FORCE_COLOR` (not `0`), else not with `NO_COLOR`, else on a terminal. */
export function useColor(
  io: Pick<Io, 'env' | 'stdout'>,
  values: { color?: boolean | undefined; 'no-color'?: boolean | undefined },
): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (io.env['NO_COLOR']) return false;
  return io.stdout.isTTY === true;
}

/** What a run of check or build found: the files with their messages, and the exit code. */
export interface Outcome {
  files: VFile[];
  code: number;
}

/** `check` and `build`: find the articles, run them, print the report (and the editions' fate). */
export async function checkOrBuild(
  invocation: Invocation,
  command: 'check' | 'build',
  options: { cache?: boolean } = {},
): Promise<number> {
  return (await runCheckOrBuild(invocation, command, options)).code;
}

export async function runCheckOrBuild(
  invocation: Invocation,
  command: 'check' | 'build',
  runOptions: { cache?: boolean } = {},
): Promise<Outcome> {
  const { io, values, paths } = invocation;
  const usage = (reason: string): Outcome => ({ files: [], code: usageError(io, reason) });
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (shard === null)
    return usage(`invalid \`--shard ${values.shard}\`, expected I/N with 1 ≤ I ≤ N, such as 1/4`);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 0)) {
    return usage(`invalid \`--jobs ${values.jobs}\`, expected a whole number`);
  }
  const findConfig = configFinder(io.cwd, values.config);
  if (paths[0] === '-') return checkStdin(invocation, findConfig);
  const project = await findConfig(io.cwd);
  if ('error' in project) return usage(project.error);

  const collected = await collectArticles(paths.length > 0 ? paths : [project.articles], io.cwd, {
    articles: project.articles,
    ignorePatterns: values['ignore-pattern'] ?? [],
    ignoreFiles: !values['no-ignore'],
  });
  if (values.verbose) for (const note of collected.notes) io.stderr.write(`citeproof: ${note}\n`);
  const files: VFile[] = collected.problems.map((problem) =>
    unreadable(problem.path, io.cwd, problem.reason),
  );
  const articles = shard
    ? collected.paths.filter((_, index) => index % shard.count === shard.index - 1)
    : collected.paths;
  const out = command === 'build' ? (values.out ?? 'output') : undefined;
  const { accepted, clashes } = slugClashes(articles, out !== undefined);
  for (const clash of clashes) files.push(unreadable(clash.path, io.cwd, clash.reason));
  // Each article runs with the configuration nearest to it.
  const groups = new Map<ConfigResult, string[]>();
  for (const article of accepted) {
    const config = await findConfig(path.dirname(path.resolve(io.cwd, article)));
    groups.set(config, [...(groups.get(config) ?? []), article]);
  }
  for (const config of groups.keys()) if ('error' in config) return usage(config.error);
  if (out !== undefined) await removeStaleTemporaries(path.resolve(io.cwd, out));
  const before = out === undefined ? undefined : editionStates(accepted, io.cwd, out);
  const progress = progressReporter(io.stderr, io.env);
  const today = new Date();
  let done = 0;
  for (const [config, group] of groups) {
    if ('error' in config) continue;
    const offset = done;
    files.push(
      ...(await runArticles(group, {
        cwd: io.cwd,
        strict: values.strict,
        env: io.env,
        check: { ...config.options, today },
        ...(out === undefined ? {} : { out }),
        ...(values['no-cache'] || runOptions.cache === false
          ? {}
          : { cacheDir: path.resolve(io.cwd, cacheFolder) }),
        ...(jobs === undefined ? {} : { jobs }),
        onProgress: (count) => progress.update(offset + count, accepted.length),
      })),
    );
    done += group.length;
  }
  progress.end();
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  io.stdout.write(
    report(files, {
      format: values.format as Format,
      quiet: values.quiet,
      color: invocation.color,
      version: version(),
    }),
  );
  if (out !== undefined && before !== undefined) {
    const lines = editionLines(files, before, { cwd: io.cwd, out, strict: values.strict });
    for (const line of lines)
      if (!values.quiet || line.state === 'withheld') io.stderr.write(`${line.text}\n`);
  }
  return { files, code: exitCode(files, values.strict) };
}

/**
 * Articles whose slugs clash: two with one slug when building (one edition
 * would replace the other), and, always, slugs that differ only in case (on
 * macOS and Windows they are one file name). The first of each keeps its place.
 */
export function slugClashes(
  articles: readonly string[],
  building: boolean,
): { accepted: string[]; clashes: Array<{ path: string; reason: string }> } {
  const accepted: string[] = [];
  const clashes: Array<{ path: string; reason: string }> = [];
  const seen = new Map<string, string>();
  for (const article of articles) {
    const slug = slugOf(article);
    const other = seen.get(slug.toLowerCase());
    const otherSlug = other === undefined ? undefined : slugOf(other);
    if (other !== undefined && otherSlug !== slug) {
      clashes.push({
        path: article,
        reason: `its slug \`${slug}\` differs only in case from \`${otherSlug}\` of ${other}; on macOS and Windows their editions would be one file, so rename one of them`,
      });
    } else if (other !== undefined && building) {
      clashes.push({
        path: article,
        reason: `its slug \`${slug}\` is also the slug of ${other}; rename one of them`,
      });
    } else {
      if (other === undefined) seen.set(slug.toLowerCase(), article);
      accepted.push(article);
    }
  }
  return { accepted, clashes };
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
async function importCommand({ io, values, paths: inputs, color }: Invocation): Promise<number> {
  const out = values.out;
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
      out?.endsWith('.md') ? out : path.join(out ?? defaultArticles, `${result.slug}.md`),
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
  io.stdout.write(report(files, { format: values.format as Format, color, version: version() }));
  return exitCode(files, false);
}

export function unreadable(filePath: string, cwd: string, reason: string): VFile {
  return fatal(new VFile({ path: filePath, cwd }), `Cannot read: ${reason}`, readErrorId);
}

export function usageError(io: Io, reason: string): number {
  io.stderr.write(`citeproof: ${reason} (see \`citeproof --help\`)\n`);
  return exitCodes.usage;
}

export function version(): string {
  const manifest = JSON.parse(readFileSync(path.join(toolRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}
