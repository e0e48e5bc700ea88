/**
 * read/ — from paths to articles: files, folders and globs expanded with ignore files
 * honoured (this file), then each article read as a UTF-8 vfile (read.ts). A problem
 * becomes a fatal message on the file, never a throw.
 */
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { glob, isDynamicPattern } from 'tinyglobby';
import { describeFsError } from './read.js';

/** A path that could not be expanded into articles, or a file refused. */
export interface PathProblem {
  path: string;
  reason: string;
}

/** Where paths come from and what to leave out. */
export interface CollectOptions {
  /** The articles folder, relative to `cwd` or absolute (default `source`). */
  articles?: string;
  /** More ignore patterns (gitignore syntax, relative to `cwd`), as `--ignore-pattern` gives them. */
  ignorePatterns?: readonly string[];
  /** Read `.gitignore` and `.citeproofignore` files (default true; `--no-ignore` turns it off). */
  ignoreFiles?: boolean;
}

/** The articles found, the inputs that failed, and notes for `--verbose`. */
export interface Collected {
  paths: string[];
  problems: PathProblem[];
  notes: string[];
  /**
   * Files named one by one that an ignore file skips: said without `--verbose` too (as
   * ESLint warns), since a check that names only such files checks nothing and passes.
   */
  warnings: string[];
  /** The folders searched (absolute): an output folder may not be, hold or lie in one. */
  searched: string[];
}

/** The file names that hold ignore patterns, read in every folder from the project root down. */
export const ignoreFileNames = ['.gitignore', '.citeproofignore'] as const;

/** Folders never searched: they hold other people's files. */
const neverSearched = ['**/node_modules/**', '**/.git/**'];

/**
 * Expand file, folder and glob arguments into article paths, as
 * markdownlint-cli2 and remark-cli do: a folder is searched for `*.md`
 * (any case), `!glob` leaves files out, and `.gitignore`, `.citeproofignore`
 * and `ignorePatterns` are honoured. A folder that holds the articles folder
 * (`check .` at a project's root) stands for the articles folder, so the
 * README is checked only when named. Dot-files are skipped (with a note) unless
 * named; a file whose real path leaves the project through a symbolic link is
 * refused. Paths come back relative to `cwd`, sorted.
 */
export async function collectArticles(
  inputs: readonly string[],
  cwd: string,
  options: CollectOptions = {},
): Promise<Collected> {
  const root = projectRoot(cwd);
  const articlesFolder = path.resolve(cwd, options.articles ?? 'source');
  const negations = inputs.filter((input) => input.startsWith('!')).map((input) => input.slice(1));
  const excluded = negations.length > 0 ? picomatch(negations, { dot: true }) : () => false;
  const ignored = makeIgnorer(root, cwd, options);
  const found = new Set<string>();
  const problems: PathProblem[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const searched: string[] = [];
  // Called once per file found: 10,000 of them must cost milliseconds, so paths
  // are joined as strings here rather than made with path.relative each time.
  const take = (file: string, relative: string, searched?: string): void => {
    if (excluded(toPosix(relative))) return;
    if (searched !== undefined && isDotPath(searched)) {
      notes.push(`${relative}: skipped, a dot-file (name it to check it)`);
      return;
    }
    const why = ignored(file);
    if (why) {
      if (searched === undefined)
        warnings.push(`${relative}: skipped, ignored by ${why} (--no-ignore checks it)`);
      else notes.push(`${relative}: skipped, ignored by ${why}`);
      return;
    }
    found.add(relative);
  };
  for (const input of inputs) {
    if (input.startsWith('!')) continue;
    if (isDynamicPattern(input)) {
      const matches = await globFiles([input], cwd, negations, false);
      const articles = matches.filter(isMarkdown);
      if (articles.length === 0)
        problems.push({ path: input, reason: 'no articles (`*.md` files) match this glob' });
      for (const file of articles) take(path.resolve(cwd, file), path.normalize(file), file);
      continue;
    }
    const absolute = path.resolve(cwd, input);
    let info;
    try {
      info = statSync(absolute);
    } catch (error) {
      problems.push({ path: input, reason: describeFsError(error as NodeJS.ErrnoException) });
      continue;
    }
    if (!info.isDirectory()) {
      take(absolute, toRelative(cwd, absolute));
      continue;
    }
    let folder = absolute;
    if (contains(absolute, articlesFolder) && absolute !== articlesFolder) {
      if (existsSync(articlesFolder)) {
        folder = articlesFolder;
        notes.push(
          `${input}: checking its articles folder ${toRelative(cwd, articlesFolder)}/ (name other files, or a glob such as '**/*.md', to check them)`,
        );
      }
    }
    searched.push(folder);
    // Searched from the folder itself: tinyglobby leaves out files of `cwd` when
    // a pattern climbs out of it (`../**/*` from a subfolder). `!` globs apply in `take`.
    const articles = (await globFiles(['**/*'], folder, [], true)).filter(isMarkdown);
    if (articles.length === 0)
      problems.push({ path: input, reason: 'no articles (`*.md` files) in this folder' });
    const prefix = path.relative(cwd, folder);
    for (const file of articles) {
      const native = path.sep === '/' ? file : file.split('/').join(path.sep);
      take(path.join(folder, native), prefix === '' ? native : path.join(prefix, native), file);
    }
  }
  const paths: string[] = [];
  const leavesProject = linkChecker(root);
  for (const file of [...found].sort()) {
    const leaves = leavesProject(path.resolve(cwd, file));
    if (leaves) problems.push({ path: file, reason: leaves });
    else paths.push(file);
  }
  return { paths, problems, notes, warnings, searched };
}

/** Whether a file name ends in `.md` (any case: `.MD` is an article too). */
export function isMarkdown(file: string): boolean {
  return file.toLowerCase().endsWith('.md');
}

/** The project root: the nearest folder up from `cwd` holding `.git`, else `cwd` itself. */
export function projectRoot(cwd: string): string {
  let folder = path.resolve(cwd);
  for (;;) {
    if (existsSync(path.join(folder, '.git'))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) return path.resolve(cwd);
    folder = parent;
  }
}

async function globFiles(
  patterns: string[],
  cwd: string,
  negations: string[],
  dot: boolean,
): Promise<string[]> {
  return glob(patterns, {
    cwd,
    dot,
    onlyFiles: true,
    expandDirectories: false,
    followSymbolicLinks: true,
    ignore: [...neverSearched, ...negations],
  });
}

/**
 * A test of whether a file is ignored, naming the file (or option) that
 * ignores it: ignore files in every folder from the project root down to the
 * file's, the deeper ones able to re-include (`!name`) as git does. Case
 * matters, as for git on Linux (`ignore` folds case by default).
 */
function makeIgnorer(
  root: string,
  cwd: string,
  options: CollectOptions,
): (file: string) => string | undefined {
  const patterns = options.ignorePatterns ?? [];
  const fromOption =
    patterns.length > 0 ? ignore({ ignorecase: false }).add([...patterns]) : undefined;
  const useFiles = options.ignoreFiles !== false;
  const perFolder = new Map<string, Array<{ name: string; rules: Ignore }>>();
  const rulesIn = (folder: string): Array<{ name: string; rules: Ignore }> => {
    let rules = perFolder.get(folder);
    if (!rules) {
      rules = [];
      for (const name of ignoreFileNames) {
        let text: string;
        try {
          text = readFileSync(path.join(folder, name), 'utf8');
        } catch {
          continue;
        }
        rules.push({
          name: path.join(folder, name),
          rules: ignore({ ignorecase: false }).add(text),
        });
      }
      perFolder.set(folder, rules);
    }
    return rules;
  };
  // The ignore files that apply in a folder (its own and its ancestors' up to the
  // root), worked out once per folder: a file then costs only the rule tests.
  const chains = new Map<string, Array<{ from: number; name: string; rules: Ignore }>>();
  const insideRoot = new Map<string, boolean>();
  const chainOf = (folder: string): Array<{ from: number; name: string; rules: Ignore }> => {
    let chain = chains.get(folder);
    if (!chain) {
      const parent = path.dirname(folder);
      chain = [
        ...(folder === root || parent === folder ? [] : chainOf(parent)),
        ...rulesIn(folder).map((rules) => ({ ...rules, from: folder.length + 1 })),
      ];
      chains.set(folder, chain);
    }
    return chain;
  };
  return (file) => {
    if (fromOption) {
      const fromCwd = path.relative(cwd, file);
      if (!fromCwd.startsWith('..') && fromOption.ignores(toPosix(fromCwd)))
        return '--ignore-pattern';
    }
    if (!useFiles) return undefined;
    const folder = path.dirname(file);
    let inside = insideRoot.get(folder);
    if (inside === undefined) insideRoot.set(folder, (inside = contains(root, folder)));
    if (!inside) return undefined;
    let by: string | undefined;
    for (const { from, name, rules } of chainOf(folder)) {
      const result = rules.test(toPosix(file.slice(from)));
      if (result.ignored) by = toRelative(cwd, name);
      else if (result.unignored) by = undefined;
    }
    return by;
  };
}

/**
 * A test of whether a file inside the project is refused because its real
 * path is outside it, with the reason. Real paths are taken per folder, and a
 * file's own only when its folder lists it as a symbolic link, so 10,000 files
 * cost a few dozen system calls, not 10,000.
 */
function linkChecker(root: string): (file: string) => string | undefined {
  const realRoot = realpathSync.native(root);
  const folders = new Map<
    string,
    { real: string; leaves: boolean; links: Set<string> } | undefined
  >();
  const folderInfo = (folder: string) => {
    if (!folders.has(folder)) {
      if (!contains(root, folder)) {
        folders.set(folder, undefined); // outside the project: named by the user, not reached by a link
        return undefined;
      }
      try {
        const links = new Set(
          readdirSync(folder, { withFileTypes: true })
            .filter((entry) => entry.isSymbolicLink())
            .map((entry) => entry.name),
        );
        const real = realpathSync.native(folder);
        folders.set(folder, { real, leaves: !contains(realRoot, real), links });
      } catch {
        folders.set(folder, undefined); // reading the file reports the problem
      }
    }
    return folders.get(folder);
  };
  const refuse = (real: string, link: string): string =>
    `refused: it ${link} to ${real}, outside the project (${root}); copy the file into the project to check it`;
  return (file) => {
    const folder = path.dirname(file);
    const info = folderInfo(folder);
    if (!info) return undefined;
    if (info.leaves)
      return refuse(path.join(info.real, path.basename(file)), 'lies in a linked folder');
    if (!info.links.has(path.basename(file))) return undefined;
    let real: string;
    try {
      real = realpathSync.native(file);
    } catch {
      return undefined;
    }
    return contains(realRoot, real) ? undefined : refuse(real, 'is a symbolic link');
  };
}

function contains(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function isDotPath(relative: string): boolean {
  return relative.split(path.sep).some((part) => part.startsWith('.') && part !== '..');
}

function toRelative(cwd: string, file: string): string {
  return path.relative(cwd, file) || file;
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
