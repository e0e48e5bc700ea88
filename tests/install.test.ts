import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import * as source from '../src/index.js';
import { fixtures, root, seedSource } from './helpers.js';

// What a user installs (`npm install citeproof-<version>.tgz`): the package bundles its
// dependencies into dist/citeproof.cjs (scripts/bundle.mjs) and ships only the fonts used.
// `npm run consumer` installs the packed tarball in a fresh project and measures it.

interface Packed {
  unpackedSize: number;
  files: Array<{ path: string }>;
}
const packed = (
  JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as Packed[]
)[0] as Packed;
const shipped = packed.files.map((file) => file.path);
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
};

/**
 * Modules the shipped code loads by a bare name, other than Node's own (comment lines left
 * out; in the bundle, whose lines hold up to hundreds of kilobytes of code, only short ones).
 */
function bareImports(file: string): string[] {
  const code = readFileSync(path.join(root, file), 'utf8')
    .split('\n')
    .filter((line) => line.length > 200 || !/^\s*(\*|\/\/|\/\*)/.test(line))
    .join('\n');
  const specifiers = code.matchAll(
    /(?:require(?:\.resolve)?\s*\(\s*|\bfrom\s*|\bimport\s*\(\s*)["']([^"']+)["']/g,
  );
  return [...specifiers]
    .map((match) => match[1] ?? '')
    .filter(
      (name) =>
        !name.startsWith('.') && !name.startsWith('node:') && !builtinModules.includes(name),
    );
}

describe('the installed package', () => {
  it('should install no dependency: everything it runs is bundled or shipped', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
    const loaded = shipped
      .filter((file) => /\.(c?js|mjs)$/.test(file))
      .flatMap((file) => bareImports(file).map((name) => `${file}: ${name}`));
    // Not even fdir's optional picomatch (scripts/bundle.mjs takes its lookup out): from a
    // checkout it loaded node_modules/picomatch at every start, from an install the user's.
    expect(loaded).toEqual([]);
  });

  it('should ship the bundle as ASCII, which Node reads into a one-byte string at every start', () => {
    const bundle = readFileSync(path.join(root, 'dist', 'citeproof.cjs'));
    const outside = bundle.findIndex((byte) => byte > 0x7f);
    expect(outside, `a byte over 0x7f at ${outside}`).toBe(-1);
  });

  it('should ship the five font files the PDF embeds with their licence, and no code cache', () => {
    expect(shipped.filter((file) => file.startsWith('fonts/')).sort()).toEqual([
      'fonts/NotoSansMono_400Regular.ttf',
      'fonts/NotoSerif_400Regular.ttf',
      'fonts/NotoSerif_400Regular_Italic.ttf',
      'fonts/NotoSerif_700Bold.ttf',
      'fonts/NotoSerif_700Bold_Italic.ttf',
      'fonts/OFL.txt',
      'fonts/README.md',
    ]);
    expect(shipped.filter((file) => file.endsWith('.cache'))).toEqual([]);
    // 5.8 MB when measured (the install was 49 MB in 129 packages before bundling).
    expect(packed.unpackedSize).toBeLessThan(10e6);
  });

  it('should ship every file the bin, its workers and the library load', () => {
    for (const file of [
      'dist/cli.js',
      'dist/worker.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/citeproof.cjs',
      'dist/cli/launch.js',
      'dist/speed/index.js',
      // The tool's fingerprint: without it every start hashes the bundle (src/run/cache.ts).
      'dist/fingerprint',
      'dist/hyphen/en-us.cjs',
      'dist/hyphen/tr.cjs',
      'dist/hyphen/ru.cjs',
      'dist/shaping/regular.json',
      'docs/rules.md',
      'citeproof.schema.json',
    ])
      expect(shipped, file).toContain(file);
    const relative = shipped
      .filter((file) => file.endsWith('.js') && !file.startsWith('dist/hyphen/'))
      .flatMap((file) =>
        [...readFileSync(path.join(root, file), 'utf8').matchAll(/from '(\.[^']+)'/g)].map(
          (match) => path.join(path.dirname(file), match[1] ?? ''),
        ),
      );
    for (const file of relative) expect(shipped, file).toContain(file);
  });

  it('should export from dist/index.js the public API of src/index.ts, whose plugin works', async () => {
    const library = (await import(
      pathToFileURL(path.join(root, 'dist', 'index.js')).href
    )) as typeof source;
    expect(Object.keys(library).sort()).toEqual(Object.keys(source).sort());
    expect(library.default).toBe(library.remarkCiteproof);
    const processor = unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkFrontmatter)
      .use(library.default);
    const name = path.join(fixtures, 'rules', 'undefined-reference', 'not-ok.md');
    const file = new VFile({ path: name, value: readFileSync(name, 'utf8') });
    await processor.run(processor.parse(file), file);
    expect(file.messages.map((message) => message.ruleId)).toContain('undefined-reference');
  });
});

describe('what check loads', () => {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  /**
   * How many times the module bodies of pdfkit and fontkit ran in the bundled CLI (V8's
   * precise coverage, NODE_V8_COVERAGE): esbuild wraps each module of the bundle in a
   * function named by its path, called when the module is first needed.
   */
  function pdfStackRuns(...args: string[]): Record<string, number> {
    const coverage = mkdtempSync(path.join(os.tmpdir(), 'citeproof-coverage-'));
    folders.push(coverage);
    const run = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NODE_V8_COVERAGE: coverage },
    });
    expect(run.status, run.stderr).toBe(0);
    const runs: Record<string, number> = {};
    for (const name of readdirSync(coverage)) {
      const { result } = JSON.parse(readFileSync(path.join(coverage, name), 'utf8')) as {
        result: Array<{
          url: string;
          functions: Array<{ functionName: string; ranges: Array<{ count: number }> }>;
        }>;
      };
      for (const script of result.filter((entry) => entry.url.endsWith('/dist/citeproof.cjs')))
        for (const fn of script.functions) {
          const module = /^node_modules\/(pdfkit|fontkit)\//.exec(fn.functionName)?.[1];
          if (module) runs[module] = (runs[module] ?? 0) + (fn.ranges[0]?.count ?? 0);
        }
    }
    return runs;
  }

  it('should not run pdfkit or fontkit for check, and run both for build', () => {
    expect(pdfStackRuns('check', seedSource, '--no-cache', '--quiet')).toEqual({
      pdfkit: 0,
      fontkit: 0,
    });
    const out = mkdtempSync(path.join(os.tmpdir(), 'citeproof-out-'));
    folders.push(out);
    const build = pdfStackRuns('build', seedSource, '--no-cache', '--quiet', '--out', out);
    expect(build['pdfkit']).toBeGreaterThan(0);
    expect(build['fontkit']).toBeGreaterThan(0);
  });
});
