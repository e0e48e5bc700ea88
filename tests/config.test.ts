import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFinder, loadConfig } from '../src/cli/config.js';
import { fixtures } from './helpers.js';

const config = (name: string) => loadConfig(path.join(fixtures, 'config', name));
/** The articles folder a configuration without `articles` gives: `source/` beside it. */
const articles = (name: string): string => path.join(fixtures, 'config', name, 'source');

describe('configuration', () => {
  it('should be none in a folder without citeproof.config.json or package.json', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-config-'));
    expect(await loadConfig(folder)).toEqual({
      options: {},
      articles: path.join(folder, 'source'),
    });
  });

  it('should give every folder under one configuration file the same result, so their articles run together', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'citeproof-config-'));
    for (const folder of ['a', 'b', 'b/c', 'other'])
      mkdirSync(path.join(root, folder), { recursive: true });
    writeFileSync(path.join(root, 'other', 'citeproof.config.json'), '{"rules": {}}\n');
    const find = configFinder(root);
    const [a, b, c, other] = await Promise.all(
      ['a', 'b', 'b/c', 'other'].map((folder) => find(path.join(root, folder))),
    );
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(other).not.toBe(a);
    expect(await find(path.join(root, 'other'))).toBe(other);
  });

  it('should read the rule severities of citeproof.config.json, and say where they came from', async () => {
    expect(await config('valid')).toEqual({
      articles: articles('valid'),
      options: { rules: { 'unused-source': 'error', 'missing-locator': 'off' } },
      from: 'citeproof.config.json',
    });
    expect(await config('empty-object')).toEqual({
      articles: articles('empty-object'),
      options: { rules: {} },
      from: 'citeproof.config.json',
    });
  });

  it('should read the `citeproof` key of package.json, and nothing from a package.json without it', async () => {
    expect(await config('package-key')).toEqual({
      articles: articles('package-key'),
      options: { rules: { 'unused-source': 'off' } },
      from: 'package.json',
    });
    expect(await config('package-without-key')).toEqual({
      options: {},
      articles: articles('package-without-key'),
    });
  });

  it('should prefer citeproof.config.json to package.json', async () => {
    expect(await config('both')).toEqual({
      articles: articles('both'),
      options: { rules: { 'unused-source': 'warning' } },
      from: 'citeproof.config.json',
    });
  });

  it('should give one line naming the file and the problem for an invalid configuration', async () => {
    expect(await config('invalid-json')).toEqual({
      error: expect.stringMatching(/^citeproof\.config\.json: invalid JSON \(.+\)$/),
    });
    expect(await config('package-invalid')).toEqual({
      error: expect.stringMatching(/^package\.json: invalid JSON \(.+\)$/),
    });
    expect(await config('not-object')).toEqual({
      error:
        'citeproof.config.json: expected an object such as {"rules": {"unused-source": "error"}}',
    });
    for (const name of ['string', 'null'])
      expect(await config(name)).toEqual({
        error:
          'citeproof.config.json: expected an object such as {"rules": {"unused-source": "error"}}',
      });
    expect(await config('package-number')).toEqual({
      error:
        'package.json (`citeproof` key): expected an object such as {"rules": {"unused-source": "error"}}',
    });
    expect(await config('unknown-key')).toEqual({
      error:
        'citeproof.config.json: unknown setting `extends`, expected one of $schema, rules, articles',
    });
    expect(await config('rules-not-object')).toEqual({
      error: 'citeproof.config.json: `rules` must be an object of rule ids and severities',
    });
    expect(await config('bad-severity')).toEqual({
      error:
        'citeproof.config.json: unknown rule id `unused-sources`, did you mean `unused-source`?; rule `missing-locator` has severity `loud`, expected off, warning or error; rule `empty-source` has severity `2`, expected off, warning or error',
    });
    expect(await config('unreadable')).toEqual({
      error: 'citeproof.config.json: cannot be read (EISDIR)',
    });
  });
});
