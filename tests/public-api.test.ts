import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { fixtures, fixtureToday, root, seedSlug, seedSource } from './helpers.js';

describe('public API (src/index.ts)', () => {
  it('should export the documented names and nothing of the engine', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'buildArticle',
        'check',
        'default',
        'exitCodes',
        'formats',
        'importLegacy',
        'labelKey',
        'main',
        'parse',
        'parseAndCheck',
        'remarkCiteproof',
        'report',
        'rules',
      ].sort(),
    );
    expect(api.default).toBe(api.remarkCiteproof);
  });

  it('should build the seed to the committed editions in memory, writing nothing', async () => {
    const file = new VFile({ path: seedSource, value: readFileSync(seedSource, 'utf8') });
    const { editions } = await api.buildArticle(file, { check: { today: fixtureToday } });
    expect(editions.map((edition) => edition.extension)).toEqual(['.md', '.pdf']);
    for (const edition of editions) {
      const committed = readFileSync(path.join(root, 'output', seedSlug + edition.extension));
      expect(Buffer.from(edition.bytes).equals(committed), edition.name).toBe(true);
    }
  });

  it('should make no edition of an article with errors, and report them on the file', async () => {
    const broken = path.join(fixtures, 'projects', 'broken', 'source');
    const name = readFileSync(path.join(broken, 'broken.md'), 'utf8');
    const file = new VFile({ path: 'broken.md', value: name });
    const { editions } = await api.buildArticle(file, { check: { today: fixtureToday } });
    expect(editions).toEqual([]);
    expect(file.messages.some((message) => message.fatal === true)).toBe(true);
  });
});
