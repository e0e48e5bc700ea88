import type { FootnoteDefinition, FootnoteReference, Html, Parent, Root, Text } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';

/** What the rules look at in a tree, gathered in one walk (and cached per tree). */
export interface TreeIndex {
  /** Every source entry, in document order (duplicates included). */
  definitions: FootnoteDefinition[];
  /** Every footnote reference, in document order, with the source entry it sits in (if any). */
  references: Array<{ node: FootnoteReference; within?: FootnoteDefinition }>;
  /** Every text node, and whether it is link text. */
  texts: Array<{ node: Text; inLink: boolean }>;
  /** Every HTML node (comments may control messages), with its parent. */
  html: Array<{ node: Html; parent: Parent | undefined }>;
}

const cache = new WeakMap<Root, TreeIndex>();

/** The index of `tree`, made in a single walk. */
export function indexTree(tree: Root): TreeIndex {
  let index = cache.get(tree);
  if (index) return index;
  const built: TreeIndex = { definitions: [], references: [], texts: [], html: [] };
  visitParents(tree, (node, ancestors) => {
    switch (node.type) {
      case 'footnoteDefinition':
        built.definitions.push(node);
        break;
      case 'footnoteReference': {
        const within = ancestors.findLast((ancestor) => ancestor.type === 'footnoteDefinition') as
          FootnoteDefinition | undefined;
        built.references.push(within ? { node, within } : { node });
        break;
      }
      case 'text':
        built.texts.push({
          node,
          inLink: ancestors.some(
            (ancestor) => ancestor.type === 'link' || ancestor.type === 'linkReference',
          ),
        });
        break;
      case 'html':
        built.html.push({ node, parent: ancestors[ancestors.length - 1] as Parent | undefined });
        break;
      default:
        break;
    }
  });
  index = built;
  cache.set(tree, index);
  return index;
}
