import type { Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Article } from '../article.js';
import { labelKey } from '../labels.js';
import { frontMatterNode } from '../rules/invalid-front-matter.js';

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

/**
 * The Markdown edition: the front matter as written, the body, and the source
 * entries renumbered 1..n in order of first reference, at the end.
 */
export function renderMarkdown(tree: Root, article: Article): string {
  const renumber = (label: string): string =>
    String(article.numberOf.get(labelKey(label)) ?? label);
  const yaml = frontMatterNode(tree);
  const body = structuredClone(article.body);
  const definitions = article.notes.map((note) => structuredClone(note.definition));
  const children: RootContent[] = [...(yaml ? [yaml] : []), ...body, ...definitions];
  const edition: Root = { type: 'root', children };
  visit(edition, (node) => {
    if (node.type === 'footnoteReference' || node.type === 'footnoteDefinition') {
      const label = renumber(node.label ?? node.identifier);
      node.label = label;
      node.identifier = label;
    }
  });
  return stringifier.stringify(edition);
}
