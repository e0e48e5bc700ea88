import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import stringWidth from 'string-width';
import { readFileSync } from 'node:fs';
import type { Paragraph, Root } from 'mdast';
import { VFile } from 'vfile';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The modules scripts/bundle.mjs puts in place of dependencies of the bundled CLI.
const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

interface Trie {
  get(codePoint: number): number;
}
type TrieClass = new (data: Uint8Array) => Trie;

describe('bundle replacements', () => {
  it('should measure strings as string-width does (printable ASCII directly, the rest by string-width)', async () => {
    const shim = (
      (await import(pathToFileURL(path.join(root, 'scripts', 'string-width.mjs')).href)) as {
        default: (text: string) => number;
      }
    ).default;
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, index) =>
      String.fromCharCode(0x20 + index),
    );
    for (const character of ascii) expect(shim(character), character).toBe(stringWidth(character));
    const samples = [
      '',
      ascii.join(''),
      '39:1-39:124',
      'missing-locator',
      'Kazakhstan’s “buffer market”',
      'Казахстан',
      'İstanbul',
      '⚠ 3 warnings',
      '日本語',
      '👍🏽 ok',
      'e\u0301',
      '\u001b[33mwarning\u001b[39m',
      'tab\there',
    ];
    for (const sample of samples) expect(shim(sample), sample).toBe(stringWidth(sample));
  });

  it('should build a Unicode trie only on its first lookup, with the same values', () => {
    const UnicodeTrie = require('unicode-trie') as TrieClass;
    const Builder = require('unicode-trie/builder') as new (
      initial: number,
      error: number,
    ) => {
      setRange(start: number, end: number, value: number, overwrite: boolean): void;
      set(codePoint: number, value: number): void;
      toBuffer(): Uint8Array;
    };
    const LazyTrie = require(path.join(root, 'scripts', 'lazy-unicode-trie.cjs')) as TrieClass;
    const builder = new Builder(0, 99);
    builder.setRange(0x41, 0x5a, 1, true);
    builder.setRange(0x400, 0x4ff, 2, true);
    builder.set(0x2044, 3);
    builder.setRange(0x1f600, 0x1f64f, 4, true);
    const data = builder.toBuffer();
    const real = new UnicodeTrie(data);
    const lazy = new LazyTrie(data);
    for (let codePoint = 0; codePoint < 0x20000; codePoint += 7)
      expect(lazy.get(codePoint), `U+${codePoint.toString(16)}`).toBe(real.get(codePoint));
    for (const codePoint of [0x41, 0x5a, 0x5b, 0x400, 0x4ff, 0x2044, 0x1f600, 0x10ffff])
      expect(lazy.get(codePoint)).toBe(real.get(codePoint));
    // Nothing is decoded before the first lookup: damaged data only fails then.
    const damaged = new LazyTrie(new Uint8Array([1, 2, 3]));
    expect(() => damaged.get(0x41)).toThrow();
  });

  it('should visit as unist-util-visit-parents does, without renaming its visit function per node', async () => {
    // @ts-expect-error: a plain ES module of the build scripts, without types.
    const { withoutVisitNames } = await import('../scripts/visit-parents-name.mjs');
    const installed = readFileSync(
      path.join(root, 'node_modules', 'unist-util-visit-parents', 'lib', 'index.js'),
      'utf8',
    );
    const edited = withoutVisitNames(installed) as string;
    expect(installed).toContain("Object.defineProperty(visit, 'name'");
    expect(edited).not.toContain("Object.defineProperty(visit, 'name'");
    // Only the renaming goes: the rest of the module is the installed one.
    expect(installed.length - edited.length).toBeLessThan(600);
    expect(() => withoutVisitNames(installed.replace("(visit, 'name'", "(visit, 'label'"))).toThrow(
      /has changed/u,
    );
    // The bundle holds the edit (its trees are compared with the package's in the next test).
    const bundle = readFileSync(path.join(root, 'dist', 'citeproof.cjs'), 'utf8');
    expect(bundle).toMatch(/function factory\(node\d*,index\d*,parents\)/u);
    expect(bundle).not.toMatch(/defineProperty\(visit\d*,"name"/u);
  });
  it("should combine micromark's constructs once per extensions array, each document parsed afresh", async () => {
    // @ts-expect-error: a plain ES module of the build scripts, without types.
    const { reuseConstructs } = await import('../scripts/micromark-constructs.mjs');
    const installed = readFileSync(
      path.join(root, 'node_modules', 'micromark', 'lib', 'parse.js'),
      'utf8',
    );
    // The edit applies to the installed version, and fails loudly on code it does not know.
    expect(reuseConstructs(installed)).toContain('combinedConstructs(settings.extensions || [])');
    expect(() =>
      reuseConstructs(installed.replace('defaultConstructs, ...', 'defaults, ...')),
    ).toThrow(/has changed/u);
    expect(readFileSync(path.join(root, 'dist', 'citeproof.cjs'), 'utf8')).toContain(
      'combinedConstructsCache',
    );
    // What one document defines does not reach the next (a parser's state is its own).
    const bundle = (await import(pathToFileURL(path.join(root, 'dist', 'index.js')).href)) as {
      parse: (file: VFile) => Root;
    };
    vi.stubEnv('CITEPROOF_PARSER', 'micromark');
    const types = (text: string): string[] =>
      (bundle.parse(new VFile(text)).children[0] as Paragraph).children.map((node) => node.type);
    expect(types('[a] and [^1]\n\n[a]: https://example.org\n\n[^1]: Entry.\n')).toEqual([
      'linkReference',
      'text',
      'footnoteReference',
    ]);
    expect(types('[a] and [^1]\n')).toEqual(['text']);
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});
