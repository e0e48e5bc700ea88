import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VFile } from 'vfile';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { slowParse } from '../../src/parse/parse.js';
import { root } from '../helpers.js';
import { expectSameTree } from '../same-tree.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('bundle replacements, on every fixture', () => {
  it('should make the trees mdast-util-from-markdown makes with one context object for all events', async () => {
    // @ts-expect-error: a plain ES module of the build scripts, without types.
    const { reuseCompileContext } = await import('../../scripts/from-markdown-context.mjs');
    // The file the bundle takes (not the `development` build vitest would resolve).
    const installed = readFileSync(
      path.join(root, 'node_modules', 'mdast-util-from-markdown', 'lib', 'index.js'),
      'utf8',
    );
    // The edit applies to the installed version, and fails loudly on code it does not know.
    expect(reuseCompileContext(installed)).toContain('handler[events[index][1].type].call(each,');
    expect(() => reuseCompileContext(installed.replace('...context,', '...context2,'))).toThrow(
      /has changed/u,
    );
    // The bundle (its edits in place) parses every fixture with micromark as the packages do.
    const bundle = (await import(pathToFileURL(path.join(root, 'dist', 'index.js')).href)) as {
      parse: (file: VFile) => unknown;
    };
    vi.stubEnv('CITEPROOF_PARSER', 'micromark');
    const fixtures = readdirSync(path.join(root, 'tests', 'fixtures'), {
      recursive: true,
      withFileTypes: true,
    }).filter((entry) => entry.isFile() && entry.name.endsWith('.md'));
    expect(fixtures.length).toBeGreaterThan(100);
    for (const entry of fixtures) {
      const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
      const name = path.relative(root, path.join(entry.parentPath, entry.name));
      expectSameTree(bundle.parse(new VFile(text)), slowParse(new VFile(text)), name);
    }
  });
});
