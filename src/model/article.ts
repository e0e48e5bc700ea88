/**
 * model/ — what an article is, read from its checked tree: metadata, body, notes in
 * order of first reference (notes.ts), source entries (source-entry.ts), dates, labels
 * compared as GFM compares them (labels.ts, calls.ts), language editions. Imports only
 * parse/; never a rule, an edition or the file system.
 */
import path from 'node:path';
import type { FootnoteDefinition, Root, RootContent } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import {
  type ArticleMeta,
  type FrontMatter,
  frontMatterNode,
  parseFrontMatter,
} from '../parse/front-matter.js';
import { type EditionExists, existingEditions, type LanguageEdition } from './languages.js';
import { notesOf } from './notes.js';
import { shortName } from './short-name.js';
import { cloneTree } from './clone-tree.js';

/** A source entry of an article, numbered in order of first reference. */
export interface Note {
  /** 1-based number in order of first reference (unused entries come last). */
  number: number;
  /** The label as written in the source. */
  label: string;
  /** The key references match it by (mdast's `identifier`). */
  key: string;
  definition: FootnoteDefinition;
  /** For a resolved back-reference (`op. cit.`, `ibid.`): the number of the note it points to. */
  target?: number;
}

/** The article model the editions are made from. */
export interface Article {
  slug: string;
  meta: ArticleMeta;
  /** The front matter as written, YAML or TOML (the Markdown edition keeps it byte for byte). */
  frontMatter: FrontMatter;
  /** The body: the tree without front matter and without source entries. */
  body: RootContent[];
  /** Source entries in order of first reference. */
  notes: Note[];
  /** Note number by label key (mdast's `identifier` of its references). */
  numberOf: Map<string, number>;
  /** The other language editions that exist, linked from both editions. */
  editions: LanguageEdition[];
}

/** The comment that marks the generated list of language editions in a Markdown edition. */
export const editionsMarker = '<!-- citeproof: language editions -->';

/**
 * The slug of an article: its file name without `.md`, made safe as a file
 * name (letters, digits, `.`, `_`, `-`; never starting with a dot), so an
 * edition can never be written outside the output folder; a long one is
 * shortened with a hash (`shortName`).
 */
export function slugOf(filePath: string): string {
  const name = path.basename(filePath).replace(/\.md$/iu, '');
  const safe = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[.-]+|-+$/gu, '');
  return safe === '' ? 'article' : shortName(safe, maxSlugBytes);
}

/** The longest slug in bytes: `<slug>.pdf` and every other name made from it fit 255 bytes. */
export const maxSlugBytes = 200;

/**
 * Build the article model from a checked tree. Returns `undefined` when the
 * front matter is invalid (the check has reported it).
 */
export function toArticle(
  tree: Root,
  file: VFile,
  editionExists: EditionExists = () => false,
): Article | undefined {
  const front = frontMatterNode(tree);
  const meta = front ? parseFrontMatter(front.value, { format: front.type }).meta : undefined;
  if (!front || !meta) return undefined;
  const notes = notesOf(tree, String(file)).map((note): Note => ({
    key: note.key,
    number: note.number,
    label: note.label,
    definition: note.definition,
    ...(note.target ? { target: note.target.number } : {}),
  }));
  const body = withoutDefinitions(
    withoutEditionsList(tree.children.filter((node) => node !== front)),
  );
  return {
    slug: slugOf(file.path),
    meta,
    frontMatter: front,
    body,
    notes,
    numberOf: new Map(notes.map((note) => [note.key, note.number])),
    editions: existingEditions(meta, editionExists),
  };
}

/** `nodes` without a list of language editions a Markdown edition generated (so rebuilding it is idempotent). */
function withoutEditionsList(nodes: RootContent[]): RootContent[] {
  const at = nodes.findIndex((node) => node.type === 'html' && node.value === editionsMarker);
  return at === -1 ? nodes : [...nodes.slice(0, at), ...nodes.slice(at + 2)];
}

/** A copy of `nodes` with every source entry (at any depth) removed. */
function withoutDefinitions(nodes: RootContent[]): RootContent[] {
  const copy: Root = { type: 'root', children: cloneTree(nodes) };
  visit(copy, 'footnoteDefinition', (_node, index, parent) => {
    if (!parent || index === undefined) return undefined;
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
  return copy.children;
}
