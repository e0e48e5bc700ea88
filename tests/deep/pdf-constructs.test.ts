import type { RootContent } from 'mdast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/editions/pdf/normalize.js';
import { toArticle } from '../../src/model/article.js';
import { parse } from '../../src/parse/parse.js';

describe('the PDF edition of the longest inputs', () => {
  it('should take a list of 130,000 items into blocks, one per item (no stack overflow)', () => {
    const file = new VFile({
      path: 'long-list.md',
      value: '---\ntitle: T\nauthor: A\nlang: en\n---\n\nText.\n',
    });
    const article = toArticle(parse(file), file);
    if (!article) throw new Error('long-list.md: invalid front matter');
    const items = Array.from({ length: 130_000 }, (_, index) => ({
      type: 'listItem' as const,
      spread: false,
      children: [
        { type: 'paragraph' as const, children: [{ type: 'text' as const, value: `${index}` }] },
      ],
    }));
    const list: RootContent = { type: 'list', ordered: false, spread: false, children: items };
    const { blocks } = normalize({ ...article, body: [...article.body, list] });
    const listed = blocks.filter((block) => block.marker !== undefined);
    expect(listed).toHaveLength(130_000);
    expect(
      listed
        .at(-1)
        ?.runs.map((run) => run.text)
        .join(''),
    ).toBe('129999');
  });
});
