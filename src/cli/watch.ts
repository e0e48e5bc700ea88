import { type FSWatcher, statSync, watch } from 'node:fs';
import path from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { configFinder } from './config.js';
import { runCheckOrBuild } from './check.js';
import { type Invocation, cacheLocation, exitCodes } from './common.js';

/** How long to wait after a change for the rest of a save (editors write in several steps). */
const settleMs = 150;

/**
 * `build --watch`: build, then watch the articles' folders and build again
 * (printing the report each time) whenever an article or a figure changes.
 * A figure is not part of an article's cache key, so a change to anything but
 * an article rebuilds without the cache. Errors are printed, never fatal; it
 * runs until interrupted (or `io.signal` aborts).
 */
export async function watchBuild(invocation: Invocation): Promise<number> {
  const { io } = invocation;
  const rebuild = async (cache: boolean): Promise<void> => {
    try {
      await runCheckOrBuild(invocation, 'build', { cache });
    } catch (error) {
      io.stderr.write(`citeproof: build failed: ${(error as Error).message.split('\n')[0]}\n`);
    }
  };
  await rebuild(true);
  const roots = await watchRoots(invocation);
  const out = path.resolve(io.cwd, invocation.values.out ?? 'output');
  const cache = cacheLocation(invocation.values, io);
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let changed = new Set<string>();
  let running = Promise.resolve();
  const onChange = (root: string, name: string | null): void => {
    if (name === null) return;
    const file = path.resolve(root, name);
    if (inside(out, file) || (cache && inside(cache, file)) || file.endsWith('.tmp')) return;
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = changed;
      changed = new Set();
      running = running.then(async () => {
        const names = [...files].map((one) => path.relative(io.cwd, one)).sort();
        io.stderr.write(`citeproof: changed: ${names.join(', ')}; building again\n`);
        await rebuild([...files].every((one) => one.toLowerCase().endsWith('.md')));
        io.stderr.write('citeproof: watching for changes (Ctrl-C to stop)\n');
      });
    }, settleMs);
  };
  for (const root of roots) {
    try {
      const watcher = watch(root, { recursive: true }, (_event, name) => onChange(root, name));
      watcher.on('error', (error) =>
        io.stderr.write(`citeproof: cannot watch ${root}: ${error.message}\n`),
      );
      watchers.push(watcher);
    } catch (error) {
      io.stderr.write(`citeproof: cannot watch ${root}: ${(error as Error).message}\n`);
    }
  }
  io.stderr.write(
    `citeproof: watching ${roots.map((root) => `${path.relative(io.cwd, root) || '.'}/`).join(', ')} for changes (Ctrl-C to stop)\n`,
  );
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) resolve();
    io.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  clearTimeout(timer);
  for (const watcher of watchers) watcher.close();
  await running;
  return exitCodes.ok;
}

/** The folders to watch: each folder named, each named file's folder, a glob's fixed start. */
async function watchRoots({ io, values, paths }: Invocation): Promise<string[]> {
  let inputs = paths.filter((input) => !input.startsWith('!'));
  if (inputs.length === 0) {
    const config = await configFinder(io.cwd, values.config)(io.cwd);
    inputs = ['error' in config ? 'source' : config.articles];
  }
  const roots = new Set<string>();
  for (const input of inputs) {
    let base = input;
    if (isDynamicPattern(input)) {
      const parts = input.split('/');
      const fixed = parts.slice(
        0,
        parts.findIndex((part) => isDynamicPattern(part)),
      );
      base = fixed.join('/') || '.';
    }
    const absolute = path.resolve(io.cwd, base);
    let folder = absolute;
    try {
      if (!statSync(absolute).isDirectory()) folder = path.dirname(absolute);
    } catch {
      folder = path.dirname(absolute);
    }
    roots.add(folder);
  }
  // A folder inside another watched one is already watched.
  return [...roots].filter(
    (root) => ![...roots].some((other) => other !== root && inside(other, root)),
  );
}

function inside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
