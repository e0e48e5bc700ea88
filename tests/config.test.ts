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

  it('should look a folder up once, however often it is asked', () => {
    const find = configFinder(mkdtempSync(path.join(tmpdir(), 'citeproof-config-')));
    expect(find('a')).toBe(find('a'));
  });

  it('should read the articles folder a configuration names, beside the file', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-config-'));
    writeFileSync(path.join(folder, 'citeproof.config.json'), '{"articles": "essays/2026"}\n');
    expect(await loadConfig(folder)).toEqual({
      options: { rules: {} },
      articles: path.join(folder, 'essays', '2026'),
      from: 'citeproof.config.json',
    });
  });

  it('should refuse an articles folder that is empty or not a string', async () => {
    for (const articles of ['""', '3', '["source"]']) {
      const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-config-'));
      writeFileSync(path.join(folder, 'citeproof.config.json'), `{"articles": ${articles}}\n`);
      expect(await loadConfig(folder), articles).toEqual({
        error: 'citeproof.config.json: `articles` must be a folder, such as "source"',
      });
    }
  });

  it('should suggest the setting an unknown one is a near miss of', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-config-'));
    writeFileSync(path.join(folder, 'citeproof.config.json'), '{"rule": {}}\n');
    expect(await loadConfig(folder)).toEqual({
      error: 'citeproof.config.json: unknown setting `rule`, did you mean `rules`?',
    });
  });

  it('should read .citeproofrc as YAML, and name it when it is neither JSON nor YAML', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-config-'));
    writeFileSync(path.join(folder, '.citeproofrc'), 'rules:\n  unused-source: error\n');
    expect(await loadConfig(folder)).toEqual({
      options: { rules: { 'unused-source': 'error' } },
      articles: path.join(folder, 'source'),
      from: '.citeproofrc',
    });
    writeFileSync(path.join(folder, '.citeproofrc'), 'rules: [unclosed\n');
    expect(await loadConfig(folder)).toEqual({
      error: expect.stringMatching(/^\.citeproofrc: invalid JSON or YAML \(.+\)$/u),
    });
  });

  it('should take `--config FILE` for every folder, wherever it is', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-config-'));
    mkdirSync(path.join(folder, 'settings'));
    mkdirSync(path.join(folder, 'elsewhere'));
    // A configuration the search would find instead, without `--config`.
    writeFileSync(path.join(folder, 'elsewhere', 'citeproof.config.json'), '{"rules": {}}\n');
    writeFileSync(
      path.join(folder, 'settings', 'strict.json'),
      '{"rules": {"unused-source": "error"}}\n',
    );
    const find = configFinder(folder, 'settings/strict.json');
    const expected = {
      options: { rules: { 'unused-source': 'error' } },
      articles: path.join(folder, 'settings', 'source'),
      from: path.join('settings', 'strict.json'),
    };
    expect(await find(folder)).toEqual(expected);
    expect(await find(path.join(folder, 'elsewhere'))).toEqual(expected);
  });

  it('should name an unreadable configuration found in a folder above', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-config-'));
    mkdirSync(path.join(folder, 'citeproof.config.json'));
    mkdirSync(path.join(folder, 'essays', '2026'), { recursive: true });
    expect(await loadConfig(path.join(folder, 'essays', '2026'))).toEqual({
      error: `${path.join('..', '..', 'citeproof.config.json')}: cannot be read (EISDIR)`,
    });
  });

  it('should name the path `--config` gives when it cannot be read', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-config-'));
    mkdirSync(path.join(folder, 'settings'));
    // A configuration inside the folder named is not the file named.
    writeFileSync(path.join(folder, 'settings', 'citeproof.config.json'), '{"rules": {}}\n');
    expect(await loadConfig(folder, 'settings')).toEqual({
      error: 'settings: cannot be read (EISDIR)',
    });
  });
});
