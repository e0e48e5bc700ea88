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

describe('the seed article, checked', () => {
  it('should warn missing-locator on sources 1–3 and not on 4, whose op. cit. resolves to note 1', async () => {
    const { file } = await checkFixture(seedSource);
    expect(
      file.messages.map((message) => `${message.ruleId} ${message.reason.match(/`(\d)`/)?.[1]}`),
    ).toEqual(['missing-locator 1', 'missing-locator 2', 'missing-locator 3']);
    const { parse } = await import('../src/parse/parse.js');
    const { notesOf } = await import('../src/model/notes.js');
    const { VFile } = await import('vfile');
    const seedText = readFileSync(seedSource, 'utf8');
    const note4 = notesOf(parse(new VFile(seedText)), seedText).find((note) => note.label === '4');
    expect(note4?.entry.backReference?.kind).toBe('op-cit');
    expect(note4?.target?.label).toBe('1');
  });
});

describe('the README', () => {
  it('should show the exact output of checking the first article', async () => {
    const { main } = await import('../src/cli/main.js');
    const { captureIo, scratchCopy } = await import('./helpers.js');
    const project = await scratchCopy(path.join(root, 'source'), 'source');
    const io = captureIo(['check', '--no-cache'], project);
    expect(await main(io)).toBe(0);
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toContain(`$ npx citeproof check\n${io.out()}`);
  });
});
