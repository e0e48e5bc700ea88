import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readArticle } from '../../src/read/read.js';
import { buildArticle } from '../../src/run/build-article.js';
import { fixtures, fixtureToday, root } from '../helpers.js';
import { pageDifferences } from '../same-pages.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

/** The fixture articles with PDF constructs, links to the other edition, marks, and the source articles. */
function articles(): string[] {
  const folders = [
    path.join(fixtures, 'pdf'),
    path.join(fixtures, 'pdf-figures'),
    path.join(fixtures, 'typography', 'articles'),
    path.join(fixtures, 'projects', 'marks', 'source'),
    path.join(fixtures, 'projects', 'editions', 'source'),
    path.join(root, 'source'),
  ];
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.md'))
      .map((name) => path.join(folder, name)),
  );
}

async function pdfOf(input: string): Promise<Uint8Array | undefined> {
  const file = await readArticle(path.relative(root, input), root);
  const { editions } = await buildArticle(file, {
    check: { today: fixtureToday },
    env: { SOURCE_DATE_EPOCH: '1700000000' },
  });
  return editions.find((edition) => edition.name === 'pdf')?.bytes;
}

describe('text written as operators (the speed path) and with pdfkit (the plain path)', () => {
  it('should give the same pages on every fixture article: pixels, text, word boxes, fonts, links, structure', async () => {
    let compared = 0;
    for (const input of articles()) {
      const fast = await pdfOf(input);
      vi.stubEnv('CITEPROOF_TEXT', 'pdfkit');
      const plain = await pdfOf(input);
      vi.unstubAllEnvs();
      if (!fast || !plain) continue;
      expect(Buffer.from(fast).equals(Buffer.from(plain)), `${input}: the paths ran`).toBe(false);
      expect({ input, differences: await pageDifferences(fast, plain) }).toEqual({
        input,
        differences: [],
      });
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(15);
  }, 240_000);
});
