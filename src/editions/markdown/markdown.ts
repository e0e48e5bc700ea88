import type { PhrasingContent, Root, RootContent } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { type Article, editionsMarker } from '../../model/article.js';
import { cloneTree } from '../../model/clone-tree.js';
import { alsoAvailableIn } from '../../model/languages.js';
import { stringifyMarkdown } from '../../parse/stringify.js';
import { unsafeScheme } from '../../model/url-policy.js';

/**
 * The comment after the front matter that marks a Markdown edition: build
 * replaces only files that carry it, never an author's file.
 */
export const editionMark = '<!-- citeproof edition: edit the source article, not this file -->';

/**
 * The Markdown edition: the front matter as written, the mark, the body, and
 * the source entries renumbered 1..n in order of first reference, at the end.
 */
export function renderMarkdown(article: Article): string {
  const renumber = (node: { identifier: string; label?: string | null | undefined }): string =>
    String(article.numberOf.get(node.identifier) ?? node.label ?? node.identifier);
  const yaml = article.frontMatter;
  // The mark of an edition built again (the edition of an edition is the same bytes).
  const body = cloneTree(
    article.body.filter((node) => !(node.type === 'html' && node.value === editionMark)),
  );
  const definitions = article.notes.map((note) => cloneTree(note.definition));
  const children: RootContent[] = [
    ...(yaml ? [yaml] : []),
    { type: 'html', value: editionMark },
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
  withoutUnsafeLinks(edition);
  return stringifyMarkdown(edition);
}

/**
 * Apply the URL policy (model/url-policy.ts), as the PDF does: a link to an
 * unsafe URL becomes its text, an image its alt text, and a definition of one
 * goes, its references becoming their text (the `unsafe-link` rule warns).
 */
function withoutUnsafeLinks(tree: Root): void {
  const unsafe = new Set<string>();
  visit(tree, 'definition', (node, index, parent) => {
    if (unsafeScheme(node.url) === undefined || !parent || index === undefined) return undefined;
    unsafe.add(node.identifier);
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined) return undefined;
    let replacement: PhrasingContent[] | undefined;
    if (node.type === 'link' && unsafeScheme(node.url) !== undefined) replacement = node.children;
    else if (node.type === 'linkReference' && unsafe.has(node.identifier))
      replacement = node.children;
    else if (
      (node.type === 'image' && unsafeScheme(node.url) !== undefined) ||
      (node.type === 'imageReference' && unsafe.has(node.identifier))
    )
      replacement = node.alt ? [{ type: 'text', value: node.alt }] : [];
    if (!replacement) return undefined;
    (parent.children as PhrasingContent[]).splice(index, 1, ...replacement);
    return [SKIP, index];
  });
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
