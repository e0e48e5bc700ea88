import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { VFile } from 'vfile';
import { slugOf } from './article.js';
import { loadConfig } from './config.js';
import { type Format, formats, report } from './report.js';
import { collectArticles, readErrorId } from './read.js';
import { buildErrorId, parseErrorId, processArticle } from './pipeline.js';
import { removeStaleTemporaries } from './write.js';

/** What `main` runs with: everything from outside is passed in, so tests call it in-process. */
export interface Io {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
}

/** Exit codes (DESIGN.md). */
export const exitCodes = { ok: 0, citationErrors: 1, usage: 2 } as const;

const usage = `Usage: citeproof <command> [paths…] [options]

Commands:
  check [paths…]             check articles (files or folders; default source/)
  build [paths…] [--out DIR] check articles and write their editions (default output/)

Options:
  --format text|json|github|sarif  report format (default text)
  --strict                   warnings fail too (and block publishing)
  --quiet                    report problems only
  --out DIR                  where build writes editions (default output/)
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
  const format = values.format as Format;
  const config = await loadConfig(io.cwd);
  if ('error' in config) return usageError(io, config.error);
  const inputs = paths.length > 0 ? paths : ['source'];
  const checkOptions = { ...config.options, today: new Date() };
  const { paths: articles, problems } = await collectArticles(inputs, io.cwd);
  const files: VFile[] = problems.map((problem) =>
    unreadable(problem.path, io.cwd, problem.reason),
  );
  if (command === 'build')
    await removeStaleTemporaries(path.resolve(io.cwd, values.out ?? 'output'));
  const slugs = new Map<string, string>();
  for (const article of articles) {
    if (command === 'build') {
      const other = slugs.get(slugOf(article));
      slugs.set(slugOf(article), other ?? article);
      if (other !== undefined) {
        files.push(
          unreadable(
            article,
            io.cwd,
            `its slug \`${slugOf(article)}\` is also the slug of ${other}; rename one of them`,
          ),
        );
        continue;
      }
    }
    files.push(
      await processArticle(article, {
        cwd: io.cwd,
        strict: values.strict,
        env: io.env,
        check: checkOptions,
        ...(command === 'build' ? { out: values.out ?? 'output' } : {}),
      }),
    );
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  io.stdout.write(
    report(files, {
      format,
      quiet: values.quiet,
      color: io.stdout.isTTY === true && !io.env['NO_COLOR'],
      version: version(),
    }),
  );
  return exitCode(files, values.strict);
}

const unprocessable = new Set([readErrorId, parseErrorId, buildErrorId]);

/** 2 when an input cannot be read or built, 1 on citation errors (or warnings when strict), else 0. */
export function exitCode(files: readonly VFile[], strict: boolean): number {
  const messages = files.flatMap((file) => file.messages);
  if (messages.some((message) => unprocessable.has(message.ruleId ?? ''))) {
    return exitCodes.usage;
  }
  if (messages.some((message) => message.fatal === true || (strict && message.fatal === false))) {
    return exitCodes.citationErrors;
  }
  return exitCodes.ok;
}

function unreadable(filePath: string, cwd: string, reason: string): VFile {
  const file = new VFile({ path: filePath, cwd });
  const message = file.message(`Cannot read: ${reason}`, {
    ruleId: readErrorId,
    source: 'citeproof',
  });
  message.fatal = true;
  return file;
}

function usageError(io: Io, reason: string): number {
  io.stderr.write(`citeproof: ${reason} (see \`citeproof --help\`)\n`);
  return exitCodes.usage;
}

function version(): string {
  const manifest = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  return manifest.version;
}
