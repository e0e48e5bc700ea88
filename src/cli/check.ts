import path from 'node:path';
import { type Format, report } from '../report/report.js';
import { progressReporter } from '../run/progress.js';
import { runArticles } from '../run/run.js';
import { outputFolderProblem, removeStaleTemporaries } from '../run/write.js';
import { editionLines, editionStates } from './build-lines.js';
import {
  collectFor,
  type Invocation,
  type Outcome,
  cacheLocation,
  exitCode,
  maxJobs,
  parseJobs,
  parseShard,
  slugClashes,
  toolMeta,
  unreadable,
  usageError,
} from './common.js';
import { type ConfigResult, configFinder } from './config.js';
import { checkStdin } from './stdin.js';

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
  const jobs = values.jobs === undefined ? undefined : parseJobs(values.jobs);
  if (jobs === null)
    return usage(
      `invalid \`--jobs ${values.jobs}\`, expected a whole number from 1 to ${maxJobs()} (twice the cores)`,
    );
  if (values['cache-location'] === '') return usage('`--cache-location` needs a folder');
  const cacheDir = runOptions.cache === false ? undefined : cacheLocation(values, io);
  const findConfig = configFinder(io.cwd, values.config);
  if (paths[0] === '-') return checkStdin(invocation, findConfig);
  const project = await findConfig(io.cwd);
  if ('error' in project) return usage(project.error);

  const { collected, files } = await collectFor(invocation, project.articles);
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
    const group = groups.get(config);
    if (group) group.push(article);
    else groups.set(config, [article]);
  }
  for (const config of groups.keys()) if ('error' in config) return usage(config.error);
  if (out !== undefined) {
    const problem = await outputFolderProblem(out, collected.searched, accepted, io.cwd);
    if (problem) return usage(`cannot build into \`${out}\`: ${problem}`);
    await removeStaleTemporaries(path.resolve(io.cwd, out));
  }
  if (cacheDir !== undefined) await removeStaleTemporaries(cacheDir);
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
        articles: config.articles,
        ...(out === undefined ? {} : { out }),
        ...(cacheDir === undefined ? {} : { cacheDir }),
        onWarning: (warning: string) => io.stderr.write(`citeproof: warning: ${warning}\n`),
        ...(jobs === undefined ? {} : { jobs }),
        onProgress: (count) => {
          progress.update(offset + count, accepted.length);
          io.onArticle?.();
        },
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
      ...toolMeta(),
    }),
  );
  if (out !== undefined && before !== undefined) {
    const lines = editionLines(files, before, { cwd: io.cwd, out, strict: values.strict });
    for (const line of lines)
      if (!values.quiet || line.state === 'withheld') io.stderr.write(`${line.text}\n`);
  }
  return { files, code: exitCode(files, values.strict) };
}
