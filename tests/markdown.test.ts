import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { toArticle } from '../src/model/article.js';
import { renderMarkdown } from '../src/editions/markdown/markdown.js';
import { parse } from '../src/parse/parse.js';
import { fixtures, seedSource } from './helpers.js';

function edition(value: string, filePath = 'article.md'): string {
  const file = new VFile({ path: filePath, value });
  const tree = parse(file);
  const article = toArticle(tree, file);
  if (!article) throw new Error('fixture has invalid front matter');
  return renderMarkdown(article);
}

describe('Markdown edition', () => {
  it('should renumber notes in order of first reference and put their entries in that order at the end', () => {
    const input = readFileSync(path.join(fixtures, 'markdown', 'renumber.md'), 'utf8');
    const expected = readFileSync(path.join(fixtures, 'markdown', 'renumber.out.md'), 'utf8');
    expect(edition(input)).toBe(expected);
  });

  it('should be idempotent: the edition of the edition is the same bytes', () => {
    for (const input of [
      readFileSync(seedSource, 'utf8'),
      readFileSync(path.join(fixtures, 'markdown', 'renumber.md'), 'utf8'),
    ]) {
      const once = edition(input);
      expect(edition(once)).toBe(once);
    }
  });

  it('should keep the front matter as written', () => {
    const input = readFileSync(seedSource, 'utf8');
    const frontMatter = input.slice(0, input.indexOf('\n---\n', 4) + 5);
    expect(edition(input).startsWith(frontMatter)).toBe(true);
  });
});
