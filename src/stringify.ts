import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';

// The house Markdown style: one consistent style for every edition and import.
const stringifier = unified()
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkStringify, {
    bullet: '-',
    emphasis: '_',
    strong: '*',
    fence: '`',
    fences: true,
    listItemIndent: 'one',
    rule: '-',
    incrementListMarker: true,
  })
  .freeze();

/** Serialize a tree as GFM with YAML front matter, in the house style (stringify stage). */
export function stringifyMarkdown(tree: Root): string {
  return stringifier.stringify(tree);
}
