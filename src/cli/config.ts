import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { type LilconfigResult, lilconfig } from 'lilconfig';
import { parse as parseYaml } from 'yaml';
import { closest } from '../rules/did-you-mean.js';
import { type CiteproofOptions, validateRuleSeverities } from '../rules/plugin.js';
import type { Severity } from '../rules/index.js';

/** A configuration: the plugin's options, the articles folder (absolute), and the file it came from. */
export interface Config {
  options: CiteproofOptions;
  articles: string;
  from?: string;
}

/** The configuration found, or the one-line reason it is invalid. */
export type ConfigResult = Config | { error: string };

/** The files searched in each folder, nearest folder first (as cosmiconfig and lilconfig do). */
export const configFiles = ['citeproof.config.json', '.citeproofrc', 'package.json'] as const;

/** Settings a configuration may have (`$schema` points editors at citeproof.schema.json). */
const settings = ['$schema', 'rules', 'articles'];

/** The articles folder when no configuration names one. */
export const defaultArticles = 'source';

/**
 * A finder of configurations: `find(folder)` is the nearest `citeproof.config.json`,
 * `.citeproofrc` (JSON or YAML) or `citeproof` key of a `package.json` from
 * `folder` up, or — with `explicit` (`--config PATH`) — that file for every
 * folder. Without one, defaults apply and the articles folder is `source/` of `cwd`.
 */
export function configFinder(
  cwd: string,
  explicit?: string,
): (folder: string) => Promise<ConfigResult> {
  const searcher = lilconfig('citeproof', {
    searchPlaces: [...configFiles],
    packageProp: 'citeproof',
    stopDir: path.parse(path.resolve(cwd)).root,
    loaders: { '.json': loadJson, noExt: loadYaml },
  });
  const found = new Map<string, Promise<ConfigResult>>();
  // One result per configuration file (and one for none), whatever folder found it: the
  // CLI runs the articles of one result together (on one set of worker threads), and a
  // result per folder made a run of 578 articles in 65 folders start 130 threads.
  const byFile = new Map<string, ConfigResult>();
  const settle = async (
    load: () => Promise<LilconfigResult>,
    from: string,
    named = false,
  ): Promise<ConfigResult> => {
    let result: LilconfigResult;
    try {
      result = await load();
    } catch (error) {
      // A file that cannot be read (a folder in its place, no permission): name it; for
      // `--config PATH`, the path given.
      const failed = error as NodeJS.ErrnoException;
      const file =
        failed.path ?? (!failed.code ? undefined : named ? from : unreadableConfig(from));
      return {
        error:
          file && failed.code
            ? `${path.relative(cwd, file) || file}: cannot be read (${failed.code})`
            : firstLine(error),
      };
    }
    const file = result?.filepath ?? '';
    const known = byFile.get(file);
    if (known) return known;
    const settled = result
      ? validate(result.config, result.filepath, cwd)
      : { options: {}, articles: path.resolve(cwd, defaultArticles) };
    byFile.set(file, settled);
    return settled;
  };
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    const only = settle(() => searcher.load(file), file, true);
    return () => only;
  }
  return (folder) => {
    const key = path.resolve(cwd, folder);
    let result = found.get(key);
    if (!result) {
      result = settle(() => searcher.search(key), key);
      found.set(key, result);
    }
    return result;
  };
}

/** The configuration of `cwd` (the project's, which names its articles folder). */
export async function loadConfig(cwd: string, explicit?: string): Promise<ConfigResult> {
  return configFinder(cwd, explicit)(cwd);
}

function validate(value: unknown, file: string, cwd: string): ConfigResult {
  const from = path.relative(cwd, file) || file;
  const where = path.basename(file) === 'package.json' ? `${from} (\`citeproof\` key)` : from;
  if (!isObject(value))
    return { error: `${where}: expected an object such as {"rules": {"unused-source": "error"}}` };
  const unknownKey = Object.keys(value).find((key) => !settings.includes(key));
  if (unknownKey !== undefined)
    return {
      error: `${where}: unknown setting \`${unknownKey}\`${closest(unknownKey, settings, ', did you mean `%s`?') ?? `, expected one of ${settings.join(', ')}`}`,
    };
  const rules = value['rules'] ?? {};
  if (!isObject(rules))
    return { error: `${where}: \`rules\` must be an object of rule ids and severities` };
  const problems = validateRuleSeverities(rules);
  if (problems.length > 0) return { error: `${where}: ${problems.join('; ')}` };
  const articles = value['articles'] ?? defaultArticles;
  if (typeof articles !== 'string' || articles === '')
    return { error: `${where}: \`articles\` must be a folder, such as "source"` };
  return {
    options: { rules: rules as Record<string, Severity> },
    articles: path.resolve(path.dirname(file), articles),
    from,
  };
}

function loadJson(file: string, content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    throw new Error(`${path.basename(file)}: invalid JSON (${firstLine(error)})`);
  }
}

function loadYaml(file: string, content: string): unknown {
  try {
    return parseYaml(content) as unknown;
  } catch (error) {
    throw new Error(`${path.basename(file)}: invalid JSON or YAML (${firstLine(error)})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/** The nearest configuration file from `from` (a file, or a folder searched upward) that exists. */
function unreadableConfig(from: string): string | undefined {
  if (!existsSync(from) || !statSync(from).isDirectory()) return from;
  for (let folder = from; ; folder = path.dirname(folder)) {
    const file = configFiles
      .map((name) => path.join(folder, name))
      .find((name) => existsSync(name));
    if (file) return file;
    if (path.dirname(folder) === folder) return undefined;
  }
}
