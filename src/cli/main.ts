/**
 * cli/ — the command line: argv (node:util parseArgs) → a command (check, build, fix,
 * import) → an exit code (0, 1, 2 as DESIGN.md fixes them). `main(io)` takes its streams,
 * environment and folder as arguments, so tests run it in-process; only cli/cli.ts touches
 * `process`. Commands: check.ts (check and build), fix.ts, import here, watch.ts, stdin.ts;
 * shared options and exit codes in common.ts, configuration in config.ts.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { VFile } from 'vfile';
import { describeFsError, fatal, readArticle, readErrorId } from '../read/read.js';
import { type Format, formats, report } from '../report/report.js';
import { closest } from '../rules/did-you-mean.js';
import { writeAtomically } from '../run/write.js';
import { checkOrBuild } from './check.js';
import {
  type Invocation,
  type Io,
  type Values,
  exitCode,
  exitCodes,
  options,
  toolMeta,
  usageError,
  version,
} from './common.js';
import { defaultArticles } from './config.js';
import { fixCommand } from './fix.js';
import { watchBuild } from './watch.js';

/** The commands, with their one-line help. */
const commands = {
  check: 'check articles (files, folders or globs; default the articles folder, source/)',
  build: 'check articles and write their editions (default out: output/)',
  fix: 'rewrite articles in place with the safe mechanical fixes',
  import: 'turn legacy plain-text articles or Word .docx files into source articles',
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
                             (legacy plain text or Word .docx; PATH: a folder, default
                             source/, or a .md file for one input; a .docx's figures go
                             beside it)

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
  --merge-duplicates         fix also merges the entries of one source (the same text, URL
                             or DOI): the duplicate goes, its calls cite the entry kept
  --config PATH              use this configuration file (default: the nearest
                             citeproof.config.json, .citeproofrc or package.json "citeproof"
                             key up from each article)
  --ignore-pattern GLOB      leave out files matching GLOB (gitignore syntax; repeatable)
  --no-ignore                do not read .gitignore and .citeproofignore
  --stdin-filename PATH      the path of the article read from standard input
  --shard I/N                only the I-th of N deterministic shards of the articles
  --jobs N                   worker threads, 1 to twice the cores (default: as many as pay off)
  --cache-location DIR       where the cache lives (default node_modules/.cache/citeproof,
                             else the user's cache folder)
  --no-cache                 neither read nor write the cache
  --color, --no-color        colour the text report or not (default: when a terminal;
                             FORCE_COLOR and NO_COLOR are honoured)
  -h, --help                 show this help
  -v, --version              show the version
  --debug                    show the stack of an internal error

Exit codes: 0 no errors, 1 citation errors, 2 usage error or unreadable input.
Rules: docs/rules.md in the package, or \`citeproof --help\` and the README.
`;

export { type Io, exitCode, exitCodes, parseShard } from './common.js';

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
      if (values.watch) return watchBuild(invocation);
      return checkOrBuild(invocation, 'build');
    default:
      return checkOrBuild(invocation, 'check');
  }
}

/** An option given to a command it does not apply to, as a one-line reason. */
function misplacedOption(command: Command, values: Values, paths: string[]): string | undefined {
  if (values.out !== undefined && (command === 'check' || command === 'fix'))
    return '`--out` only applies to `build` (and `import`)';
  if (values.watch && command !== 'build') return '`--watch` only applies to `build`';
  if (values['merge-duplicates'] && command !== 'fix')
    return '`--merge-duplicates` only applies to `fix`';
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

/**
 * `import`: legacy texts to source articles, written atomically. An existing
 * file with other bytes is never overwritten (it may hold an editor's work).
 */
async function importCommand({ io, values, paths: inputs, color }: Invocation): Promise<number> {
  const out = values.out;
  if (inputs.length === 0) return usageError(io, '`import` needs at least one FILE');
  const outInfo =
    out === undefined ? undefined : await stat(path.resolve(io.cwd, out)).catch(() => undefined);
  if (
    out !== undefined &&
    (out === '' ||
      (outInfo && !outInfo.isDirectory() && !(outInfo.isFile() && out.endsWith('.md'))))
  )
    return usageError(io, `invalid \`--out ${out}\`, expected a folder or a \`.md\` file`);
  const toFile = out !== undefined && out.endsWith('.md') && !outInfo?.isDirectory();
  if (toFile && inputs.length > 1)
    return usageError(io, '`--out FILE.md` takes one input; give a folder for several');
  const { importLegacy } = await import('../import/legacy.js');
  const files: VFile[] = [];
  for (const input of inputs) {
    if (/\.docx$/iu.test(input)) {
      const { importDocxFile } = await import('./import-docx.js');
      files.push(await importDocxFile(input, io.cwd, out));
      continue;
    }
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
      toFile && out ? out : path.join(out ?? defaultArticles, `${result.slug}.md`),
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
    try {
      await writeAtomically([{ path: target, content: result.markdown }]);
    } catch (error) {
      fatal(
        file,
        `Cannot import to ${path.relative(io.cwd, target)}: ${describeFsError(error as NodeJS.ErrnoException)}`,
        readErrorId,
      );
      continue;
    }
    file.info(`Imported to ${path.relative(io.cwd, target)}`, {
      ruleId: 'import',
      source: 'citeproof',
    });
  }
  io.stdout.write(report(files, { format: values.format as Format, color, ...toolMeta() }));
  return exitCode(files, false);
}
