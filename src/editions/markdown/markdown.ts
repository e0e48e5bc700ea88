import type { PhrasingContent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { type Article, editionsMarker } from '../../model/article.js';
import { alsoAvailableIn } from '../../model/languages.js';
import { stringifyMarkdown } from '../../parse/stringify.js';

/**
 * The Markdown edition: the front matter as written, the body, and the source
 * entries renumbered 1..n in order of first reference, at the end.
 */
export function renderMarkdown(article: Article): string {
  const renumber = (node: { identifier: string; label?: string | null | undefined }): string =>
    String(article.numberOf.get(node.identifier) ?? node.label ?? node.identifier);
  const yaml = article.frontMatter;
  const body = structuredClone(article.body);
  const definitions = article.notes.map((note) => structuredClone(note.definition));
  const children: RootContent[] = [
    ...(yaml ? [yaml] : []),
    ...editionsList(article),
    ...body,
    ...definitions,
  ];
  const edition: Root = { type: 'root', children };
  visit(edition, (node) => {
    if (node.type === 'footnoteReference' || node.type === 'footnoteDefinition') {
      const label = renumber(node);
      node.label = label;
      node.identifier = label;
    }
  });
  return stringifyMarkdown(edition);
}

/** The other language editions, as a marked paragraph of links to their Markdown editions. */
function editionsList(article: Article): RootContent[] {
  if (article.editions.length === 0) return [];
  const links = article.editions.flatMap((edition, index): PhrasingContent[] => [
    ...(index > 0 ? [{ type: 'text' as const, value: ', ' }] : []),
    { type: 'link', url: `${edition.slug}.md`, children: [{ type: 'text', value: edition.name }] },
  ]);
  return [
    { type: 'html', value: editionsMarker },
    {
      type: 'paragraph',
      children: [
        {
          type: 'emphasis',
          children: [{ type: 'text', value: `${alsoAvailableIn(article.meta.lang)}: ` }, ...links],
        },
      ],
    },
  ];
}
