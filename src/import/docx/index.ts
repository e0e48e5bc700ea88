import type { Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import { stringify } from 'yaml';
import { isLanguageTag } from '../../parse/front-matter.js';
import { slowParse } from '../../parse/parse.js';
import { stringifyMarkdown } from '../../parse/stringify.js';
import { detectLanguage, slugify } from '../legacy.js';
import { type Loss, type NoteKind, convertDocument, excerpt } from './convert.js';
import { imageFormat } from './images.js';
import {
  mainPartName,
  readCoreProperties,
  readNumbering,
  readPart,
  readRelationships,
  readStyles,
  relatedPart,
} from './parts.js';
import { attribute, child, elements, textOf } from './xml.js';
import { type DocxPackage, DocxError, openPackage, packageLimits } from './zip.js';

export { DocxError } from './zip.js';

/** A loss or a choice the import made, with its place in the written article. */
export interface DocxImportNote {
  reason: string;
  /** 1-based line and column in the imported article (undefined: the article as a whole). */
  line?: number;
  column?: number;
  severity: 'warning' | 'info';
}

/** A figure to write beside the article: `<folder>/<name>`. */
export interface DocxFigure {
  name: string;
  bytes: Uint8Array;
}

export interface DocxImportResult {
  /** The source article (front matter and body). */
  markdown: string;
  /** A file name for it, from the title. */
  slug: string;
  figures: DocxFigure[];
  notes: DocxImportNote[];
}

export interface DocxImportOptions {
  /**
   * The folder, relative to the article, that its figures go in; by default
   * the slug (`source/<slug>.md` shows `source/<slug>/figure-1.png`).
   */
  figureFolder?: string;
}

/**
 * Turn a Word .docx into a source article: front matter from the core
 * properties and the title paragraphs, the body as GFM, every footnote and
 * endnote a GFM footnote at its place, pictures extracted as figures. What
 * cannot be carried over is said, with its place. Rejects with a `DocxError`
 * (one line) when the input is not a usable .docx.
 */
export async function importDocx(
  bytes: Uint8Array,
  options: DocxImportOptions = {},
): Promise<DocxImportResult> {
  const docx = await openPackage(bytes);
  try {
    return await importPackage(docx, options);
  } finally {
    docx.close();
  }
}

async function importPackage(
  docx: DocxPackage,
  options: DocxImportOptions,
): Promise<DocxImportResult> {
  const mainName = await mainPartName(docx);
  const relationships = await readRelationships(docx, mainName);
  const document = await readPart(docx, mainName);
  const body = child(document, 'w:body');
  if (!body) throw new DocxError(`${mainName} has no body (\`w:body\`): not a Word document`);
  const part = (type: string): string | undefined => {
    const name = relatedPart(relationships, type);
    return name !== undefined && docx.names.has(name) ? name : undefined;
  };
  const styles = readStyles(await readPart(docx, part('styles')));
  const numbering = readNumbering(await readPart(docx, part('numbering')));
  const comments = new Map<string, { author: string; text: string }>();
  for (const comment of elements(await readPart(docx, part('comments')), 'w:comment'))
    comments.set(attribute(comment, 'w:id') ?? '', {
      author: attribute(comment, 'w:author') ?? '',
      text: textOf(comment).replace(/\s+/gu, ' ').trim(),
    });
  const notes = {} as Record<NoteKind, NotePart>;
  const noteRelationships = {} as Record<NoteKind, Awaited<ReturnType<typeof readRelationships>>>;
  for (const kind of ['footnote', 'endnote'] as const) {
    const name = relatedPart(relationships, `${kind}s`);
    notes[kind] = await readNotes(docx, name, kind, body);
    noteRelationships[kind] = name ? await readRelationships(docx, name) : new Map();
  }
  const core = readCoreProperties(await readPart(docx, 'docProps/core.xml'));
  const converted = convertDocument(body, {
    styles,
    numbering,
    relationships,
    notes,
    noteRelationships,
    comments,
  });

  const losses = [...converted.losses];
  const meta = converted.meta;
  let blocks: RootContent[] = converted.blocks;
  const title = meta.title ?? core.title ?? firstHeading(blocks);
  const first = blocks[0];
  if (first?.type === 'heading' && title !== undefined && toString(first) === title) {
    // The title is the first heading (or repeats it): it goes to the front matter only.
    blocks = blocks.slice(1);
    losses.push({
      reason: `The first heading “${excerpt(title)}” is the title: it is kept as \`title\` in the front matter, not twice`,
      severity: 'info',
      node: undefined,
    });
  }
  if (title === undefined)
    losses.push({
      reason:
        'No title: the document has no title property, Title paragraph or heading; `title` left empty',
      severity: 'warning',
      node: undefined,
    });
  const slug = slugify(title ?? '');
  const folder = options.figureFolder ?? slug;
  const figures: DocxFigure[] = [];
  for (const figure of converted.figures) {
    const figureBytes = await docx.read(figure.part, packageLimits.imageBytes);
    if (!figureBytes)
      throw new DocxError(
        `missing part ${figure.part}: the document shows a picture the package does not have`,
      );
    const format = imageFormat(figureBytes, figure.part);
    if (format.error) throw new DocxError(`${figure.part}: ${format.error}`);
    const name = `${figure.name}.${format.extension}`;
    if (!format.shown)
      losses.push({
        reason: `The picture ${figure.part} is ${format.extension.toUpperCase()}, which the PDF edition cannot show (only PNG and JPEG): extracted as ${folder}/${name}; convert it`,
        severity: 'warning',
        node: figure.nodes[0],
      });
    for (const node of figure.nodes) node.url = `${folder}/${name}`;
    figures.push({ name, bytes: figureBytes });
  }

  const bodyText = [...blocks, ...converted.definitions].map((node) => toString(node)).join(' ');
  const lang =
    core.language && isLanguageTag(core.language) ? core.language : detectLanguage(bodyText);
  const author = meta.author ?? core.creator;
  if (!author)
    losses.push({
      reason:
        'No author: the document has no author property or Author paragraph; `author` left empty',
      severity: 'warning',
      node: undefined,
    });
  const frontMatter: Record<string, unknown> = { title: title ?? '' };
  if (meta.subtitle) frontMatter['subtitle'] = meta.subtitle;
  frontMatter['author'] = author ?? '';
  frontMatter['lang'] = lang;
  const date = isoDate(meta.date) ?? isoDate(core.created) ?? isoDate(core.modified);
  if (date) frontMatter['date'] = date;
  if (meta.date && !isoDate(meta.date))
    losses.push({
      reason: `The Date paragraph “${excerpt(meta.date)}” is not an ISO date: \`date\` ${date ? `taken from the document's properties (${date})` : 'left out'}`,
      severity: 'warning',
      node: undefined,
    });
  const summary = meta.abstract ?? core.description;
  if (summary) frontMatter['summary'] = summary;
  const keywords = (core.keywords ?? '')
    .split(/[,;]/u)
    .map((word) => word.trim())
    .filter(Boolean);
  if (keywords.length > 0) frontMatter['keywords'] = keywords;
  const yaml = stringify(frontMatter, {
    lineWidth: 0,
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
  }).trimEnd();
  const tree: Root = {
    type: 'root',
    children: [{ type: 'yaml', value: yaml }, ...blocks, ...converted.definitions],
  };
  const markdown = stringifyMarkdown(tree);
  return { markdown, slug, figures, notes: placeLosses(tree, markdown, losses) };
}

interface NotePart {
  part: string | undefined;
  byId: ReadonlyMap<string, import('xast').Element>;
}

/** The notes of one kind; a missing notes part is an error when the text cites one. */
async function readNotes(
  docx: DocxPackage,
  name: string | undefined,
  kind: NoteKind,
  body: import('xast').Element,
): Promise<NotePart> {
  const element = name && docx.names.has(name) ? await readPart(docx, name) : undefined;
  if (!element) {
    if (hasDescendant(body, `w:${kind}Reference`))
      throw new DocxError(
        `missing part ${name ?? `word/${kind}s.xml`}: the text cites ${kind}s but the package has none`,
      );
    return { part: undefined, byId: new Map() };
  }
  const byId = new Map<string, import('xast').Element>();
  for (const note of elements(element, `w:${kind}`)) {
    const type = attribute(note, 'w:type');
    if (type && type !== 'normal') continue;
    byId.set(attribute(note, 'w:id') ?? '', note);
  }
  return { part: name, byId };
}

function hasDescendant(element: import('xast').Element, name: string): boolean {
  return elements(element).some((node) => node.name === name || hasDescendant(node, name));
}

function firstHeading(blocks: RootContent[]): string | undefined {
  const first = blocks[0];
  return first?.type === 'heading' ? toString(first) || undefined : undefined;
}

/** `2024-03-15` from an ISO date or date-time, else undefined. */
function isoDate(value: string | undefined): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/u.exec(
    value?.trim() ?? '',
  );
  if (!match?.[1]) return undefined;
  const time = Date.parse(`${match[1]}T00:00:00Z`);
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== match[1]
    ? undefined
    : match[1];
}

/**
 * Each loss's place in the written article: the path of its block in the
 * tree that was written, followed in the tree the written text parses to
 * (the same shape), gives the line and column.
 */
function placeLosses(tree: Root, markdown: string, losses: Loss[]): DocxImportNote[] {
  const paths = new Map<Nodes, number[]>();
  const walk = (node: Nodes, at: number[]): void => {
    paths.set(node, at);
    if ('children' in node)
      node.children.forEach((childNode, index) => walk(childNode as Nodes, [...at, index]));
  };
  walk(tree, []);
  const parsed = slowParse(new VFile(markdown));
  const notes = losses.map((loss) => {
    const note: DocxImportNote = { reason: loss.reason, severity: loss.severity };
    const path = loss.node ? paths.get(loss.node) : undefined;
    if (!path) return note;
    let node: Nodes = parsed;
    let start = parsed.position?.start;
    for (const index of path) {
      const next: Nodes | undefined =
        'children' in node ? (node.children[index] as Nodes | undefined) : undefined;
      if (!next?.position) break;
      node = next;
      start = next.position?.start;
    }
    if (start) {
      note.line = start.line;
      note.column = start.column;
    }
    return note;
  });
  // In the order of the article, as a linter reports; notes on the whole article first.
  return notes
    .map((note, index) => ({ note, index }))
    .sort(
      (a, b) =>
        (a.note.line ?? 0) - (b.note.line ?? 0) ||
        (a.note.column ?? 0) - (b.note.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ note }) => note);
}
