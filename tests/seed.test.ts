import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFixture, root, seedSlug, seedSource } from './helpers.js';
import { missingInOrder, seedParts, words } from './seed-words.js';

describe('the seed article in source/', () => {
  it('should pass the check without errors', async () => {
    const { file } = await checkFixture(seedSource);
    expect(file.messages.filter((message) => message.fatal)).toEqual([]);
  });

  it('should keep every word of the seed, in order, in the source and the Markdown edition', () => {
    const seed = seedParts();
    for (const file of [seedSource, path.join(root, 'output', `${seedSlug}.md`)]) {
      const text = readFileSync(file, 'utf8');
      expect(missingInOrder(text, words(seed.title)), file).toEqual([]);
      expect(missingInOrder(text, words(seed.body)), file).toEqual([]);
      expect(missingInOrder(text, seed.sources.flatMap(words)), file).toEqual([]);
      expect(missingInOrder(text, words(seed.bio)), file).toEqual([]);
    }
  });

  it('should cite its four sources as GFM footnotes, with no URL invented', () => {
    const text = readFileSync(seedSource, 'utf8');
    expect(text.match(/\[\^\d\](?!:)/g)).toEqual(['[^1]', '[^2]', '[^3]', '[^4]']);
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toMatch(/Similar Posts|This post is also available/);
  });
});
