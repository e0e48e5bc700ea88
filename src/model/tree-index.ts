import type {
  Nodes,
  Code,
  Definition,
  FootnoteDefinition,
  FootnoteReference,
  Heading,
  Html,
  Image,
  ImageReference,
  InlineCode,
  Link,
  Paragraph,
  Parent,
  Root,
  TableCell,
  Text,
} from 'mdast';
import { Recent } from './recent.js';

/** What the rules look at in a tree, gathered in one walk (and kept for the last few trees, `Recent`). */
export interface TreeIndex {
  /** Every source entry, in document order (duplicates included). */
  definitions: FootnoteDefinition[];
  /** Every footnote reference, in document order, with the source entry it sits in (if any). */
  references: Array<{ node: FootnoteReference; within?: FootnoteDefinition }>;
  /** Every text node, and whether it is link text. */
  texts: Array<{ node: Text; inLink: boolean }>;
  /** Every HTML node (comments may control messages), with its parent. */
  html: Array<{ node: Html; parent: Parent | undefined }>;
  /** Every node that puts characters on the page (text, code, HTML, image alt text), in document order. */
  shown: Array<Text | InlineCode | Code | Html | Image | ImageReference>;
  /** Every node with a URL (links, images, link definitions), in document order. */
  urls: Array<Link | Image | Definition>;
  /** Every image and image reference, in document order. */
  images: Array<Image | ImageReference>;
  /** Every link definition (`[x]: url`), in document order. */
  linkDefinitions: Definition[];
  /** Every block whose content is parsed as text (paragraphs, headings, table cells: they never nest). */
  textBlocks: Array<Paragraph | Heading | TableCell>;
}

const cache = new Recent<Root, TreeIndex>();

/** The index of `tree`, made in a single walk. */
export function indexTree(tree: Root): TreeIndex {
  let index = cache.get(tree);
  if (index) return index;
  const built: TreeIndex = {
    definitions: [],
    references: [],
    texts: [],
    html: [],
    shown: [],
    urls: [],
    images: [],
    linkDefinitions: [],
    textBlocks: [],
  };
  walk(tree, (node, ancestors) => {
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
        built.shown.push(node);
        built.texts.push({
          node,
          inLink: ancestors.some(
            (ancestor) => ancestor.type === 'link' || ancestor.type === 'linkReference',
          ),
        });
        break;
      case 'html':
        built.shown.push(node);
        built.html.push({ node, parent: ancestors[ancestors.length - 1] as Parent | undefined });
        break;
      case 'inlineCode':
      case 'code':
        built.shown.push(node);
        break;
      case 'image':
        built.shown.push(node);
        built.images.push(node);
        built.urls.push(node);
        break;
      case 'imageReference':
        built.shown.push(node);
        built.images.push(node);
        break;
      case 'link':
        built.urls.push(node);
        break;
      case 'definition':
        built.urls.push(node);
        built.linkDefinitions.push(node);
        break;
      case 'paragraph':
      case 'heading':
      case 'tableCell':
        built.textBlocks.push(node);
        break;
      default:
        break;
    }
    return true;
  });
  index = built;
  cache.set(tree, index);
  return index;
}

/**
 * Visit `tree` and its descendants in document order (preorder), each with its
 * ancestors, root first; `enter` returns `false` to leave a node's children
 * out. What `unist-util-visit-parents` does for a walk that only reads: that
 * one makes a closure per node and names it for debugging, which was about a
 * twelfth of a check's CPU on plain articles (1,000 generated articles, 2 cores).
 * The ancestors array is reused: copy it to keep it.
 */
export function walk(
  tree: Nodes,
  enter: (node: Nodes, ancestors: readonly Parent[]) => boolean,
): void {
  const ancestors: Parent[] = [];
  const step = (node: Nodes): void => {
    if (!enter(node, ancestors) || !('children' in node)) return;
    ancestors.push(node);
    for (const child of node.children) step(child);
    ancestors.pop();
  };
  step(tree);
}
