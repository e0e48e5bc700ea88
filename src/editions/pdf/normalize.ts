import type { AlignType, Nodes, Paragraph, PhrasingContent, RootContent, Table } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Article } from '../../model/article.js';
import { labelKey } from '../../model/labels.js';
import { alsoAvailableIn } from '../../model/languages.js';
import { bylineDate } from './dates.js';
import { blockWithFallbackFaces, withFallbackFaces } from './fallback.js';
import type { Face } from './fonts.js';
import type { FigureImage } from './images.js';

/** A stretch of inline text in one face. */
export interface Run {
  text: string;
  face: Face;
  /** Target of a clickable link (already checked to be safe). */
  link?: string;
  /** Another PDF edition beside this one (`slug.pdf`), opened by a go-to-remote link. */
  file?: string;
  /** A note call: the note's number, set as a superscript. */
  note?: number;
  /** Language of the run when it differs from the block's. */
  lang?: string;
  /** Struck through (GFM `~~deleted~~`). */
  strike?: boolean;
}

export type BlockKind =
  'title' | 'subtitle' | 'byline' | 'heading' | 'paragraph' | 'code' | 'rule' | 'table' | 'figure';

/** A table's cells (rows of cells of runs; the first row is the header) and its columns' alignment. */
export interface TableContent {
  rows: Run[][][];
  align: AlignType[];
}

/** A block quote, a list or a list item around a block (for the structure tree: BlockQuote, L, LI). */
export interface Container {
  kind: 'quote' | 'list' | 'item';
  /** Unique in the document. */
  id: number;
}

/** A figure's image and what a screen reader says for it; its caption is the block's runs. */
export interface FigureContent {
  image: FigureImage;
  /** The alternative text (the image's alt, else its caption). */
  alt: string;
}

/** A block of the document before it is broken into lines. */
export interface Block {
  kind: BlockKind;
  runs: Run[];
  /** Heading level (1 for the title). */
  level?: number;
  /** Left indent in points, and a marker set in the indent (list bullets). */
  indent: number;
  marker?: string;
  lang?: string;
  /** The block is quoted: where the bar of each block quote around it goes (from the text block's left edge). */
  quotes?: number[];
  /** The quotes, lists and list items around the block, outermost first. */
  containers?: Container[];
  /** The cells of a table block. */
  table?: TableContent;
  /** A table set smaller than the house size to fit (points; see table-plan.ts). */
  tableSize?: number;
  /** Which column group of a table split into stacked groups this block is (from 1). */
  part?: number;
  /** The image of a figure block (its runs are the numbered caption). */
  figure?: FigureContent;
}

/** The document to lay out: body blocks, and notes by number. */
export interface Manuscript {
  /** The article's language. */
  lang: string;
  blocks: Block[];
  notes: Map<number, Run[]>;
  /** For resolved back-references: the number of the note each points to. */
  noteTargets: Map<number, number>;
}

const safeSchemes = new Set(['http:', 'https:', 'mailto:']);

/** The URL to link to, or `undefined` when it is not an absolute http, https or mailto URL. */
export function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return safeSchemes.has(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const aboutAuthor: Record<string, string> = {
  en: 'About the author',
  tr: 'Yazar hakkında',
  ru: 'Об авторе',
};

/** The word a figure's caption starts with, by language: “Figure 3.” */
const figureWord: Record<string, string> = { en: 'Figure', tr: 'Şekil', ru: 'Рисунок' };

/** Reads a figure's image by its URL as written; `undefined`: the file may not be embedded (the image shows its alt text). */
export type ImageReader = (url: string) => FigureImage | undefined;

/**
 * Turn the article model into blocks and note texts (normalize stage). With
 * `images`, each image of a paragraph becomes a numbered figure; without (a
 * render with no article folder), images show their alt text.
 */
export function normalize(article: Article, images?: ImageReader): Manuscript {
  const { meta } = article;
  const context: Context = {
    numberOf: article.numberOf,
    urls: linkDefinitions(article.body),
    figures: { count: 0, word: figureWord[meta.lang.split('-')[0] ?? 'en'] ?? 'Figure' },
    containers: { count: 0 },
  };
  if (images) context.images = images;
  const blocks: Block[] = [
    { kind: 'title', runs: [{ text: meta.title, face: 'bold' }], level: 1, indent: 0 },
  ];
  if (meta.subtitle)
    blocks.push({ kind: 'subtitle', runs: [{ text: meta.subtitle, face: 'italic' }], indent: 0 });
  const byline = meta.date ? `${meta.author} · ${bylineDate(meta.date, meta.lang)}` : meta.author;
  blocks.push({
    kind: 'byline',
    runs: [{ text: byline, face: 'regular' }, ...editionRuns(article)],
    indent: 0,
  });
  // One push per block: spread into push's arguments, a list of 150,000 items overflowed the stack.
  for (const node of article.body)
    for (const block of blocksOf(node, context, 0)) blocks.push(block);
  if (meta.bio) {
    const language = meta.lang.split('-')[0] ?? 'en';
    blocks.push({
      kind: 'heading',
      level: 2,
      runs: [{ text: aboutAuthor[language] ?? aboutAuthor['en'] ?? '', face: 'bold' }],
      indent: 0,
    });
    blocks.push({
      kind: 'paragraph',
      runs: [{ text: meta.bio.text, face: 'regular' }],
      indent: 0,
      lang: meta.bio.lang,
    });
  }
  const notes = new Map<number, Run[]>();
  for (const note of article.notes) {
    notes.set(
      note.number,
      note.definition.children.flatMap((child, index) => [
        ...(index > 0 ? [{ text: ' ', face: 'regular' as const }] : []),
        // A note's images show their alt text: a figure is set in the body, never in a note.
        ...blocksOf(child, { ...context, images: undefined }, 0).flatMap((block) => block.runs),
      ]),
    );
  }
  const noteTargets = new Map(
    article.notes.flatMap((note) =>
      note.target === undefined ? [] : [[note.number, note.target] as const],
    ),
  );
  return {
    lang: meta.lang,
    blocks: blocks.map(blockWithFallbackFaces),
    notes: new Map([...notes].map(([number, runs]) => [number, withFallbackFaces(runs)])),
    noteTargets,
  };
}

/** “Also available in: Türkçe, Русский”, each name linking to that edition's PDF. */
function editionRuns(article: Article): Run[] {
  if (article.editions.length === 0) return [];
  return [
    { text: '\n', face: 'italic' },
    { text: `${alsoAvailableIn(article.meta.lang)}: `, face: 'italic' },
    ...article.editions.flatMap((edition, index): Run[] => [
      ...(index > 0 ? [{ text: ', ', face: 'italic' as const }] : []),
      { text: edition.name, face: 'italic', file: `${edition.slug}.pdf`, lang: edition.lang },
    ]),
  ];
}

interface Context {
  numberOf: Map<string, number>;
  /** Link reference definitions: URL and title by normalized label. */
  urls: Map<string, { url: string; title?: string | null | undefined }>;
  /** Reads figures' images (absent: images show their alt text). */
  images?: ImageReader | undefined;
  /** Figures numbered so far, and the word their captions start with. */
  figures: { count: number; word: string };
  /** Quotes, lists and list items numbered so far. */
  containers: { count: number };
}

/** `blocks` inside a new container of `kind`: it goes around the containers they are already in. */
function contained(blocks: Block[], kind: Container['kind'], context: Context): Block[] {
  const container: Container = { kind, id: ++context.containers.count };
  for (const block of blocks) block.containers = [container, ...(block.containers ?? [])];
  return blocks;
}

/** Where the indent of each nesting level goes: lists and block quotes indent by this much. */
const indentStep = 18;

/** The URL and title of each link reference definition, by normalized label (GFM: the first one wins). */
function linkDefinitions(nodes: RootContent[]): Context['urls'] {
  const urls: Context['urls'] = new Map();
  const walk = (node: Nodes): void => {
    if (node.type === 'definition') {
      const key = labelKey(node.label ?? node.identifier);
      if (!urls.has(key)) urls.set(key, { url: node.url, title: node.title });
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  for (const node of nodes) walk(node);
  return urls;
}

/** The error for a node the PDF has no rendering for: a defect of the tool, never a silent loss. */
function cannotShow(node: {
  type: string;
  position?: { start: { line: number } } | undefined;
}): Error {
  const line = node.position ? ` (line ${node.position.start.line})` : '';
  return new Error(`The PDF edition cannot show a \`${node.type}\` node${line}`);
}

function blocksOf(node: RootContent, context: Context, indent: number): Block[] {
  switch (node.type) {
    case 'paragraph':
      return paragraphBlocks(node, context, indent);
    case 'heading':
      return [
        {
          kind: 'heading',
          level: node.depth + 1,
          runs: runsOf(node.children, 'bold', context),
          indent,
        },
      ];
    case 'blockquote':
      return contained(
        node.children.flatMap((child) =>
          blocksOf(child, context, indent + indentStep).map((block) => ({
            ...block,
            quotes: [indent + 6, ...(block.quotes ?? [])],
          })),
        ),
        'quote',
        context,
      );
    case 'list':
      return listBlocks(node, context, indent);
    case 'code':
      return [{ kind: 'code', runs: [{ text: node.value, face: 'mono' }], indent: indent + 12 }];
    case 'html':
      return htmlBlocks(node.value, indent);
    case 'thematicBreak':
      return [{ kind: 'rule', runs: [], indent }];
    case 'table':
      return [{ kind: 'table', runs: [], indent, table: tableContent(node, context) }];
    case 'definition':
    case 'footnoteDefinition':
    case 'yaml':
      // Not content: a link definition is shown by the links that use it, a source entry as a note.
      return [];
    default:
      throw cannotShow(node);
  }
}

/**
 * A paragraph, and a figure for each image in it: a paragraph of images only
 * becomes its figures; an image among words stays there as its alt text, its
 * figure set after the paragraph (as pandoc and LaTeX place a float).
 */
function paragraphBlocks(node: Paragraph, context: Context, indent: number): Block[] {
  const paragraph: Block = {
    kind: 'paragraph',
    runs: runsOf(node.children, 'regular', context),
    indent,
  };
  const { images } = context;
  if (!images) return [paragraph];
  const figures: Block[] = [];
  let shown = 0;
  visit(node, (child) => {
    if (child.type !== 'image' && child.type !== 'imageReference') return;
    shown++;
    const definition =
      child.type === 'imageReference'
        ? context.urls.get(labelKey(child.label ?? child.identifier))
        : { url: child.url, title: child.title };
    // An undefined image reference is text (micromark shows it as written).
    const image = definition && images(definition.url);
    if (image && definition)
      figures.push(
        figureBlock(
          image,
          oneLine(child.alt ?? ''),
          definition.title === null || definition.title === undefined
            ? definition.title
            : oneLine(definition.title),
          context,
          indent,
        ),
      );
  });
  // Every image a figure, nothing else but spaces: the figures replace the paragraph.
  const alone =
    shown > 0 &&
    figures.length === shown &&
    node.children.every(
      (child) =>
        child.type === 'image' ||
        child.type === 'imageReference' ||
        child.type === 'break' ||
        (child.type === 'text' && child.value.trim() === ''),
    );
  return alone ? figures : [paragraph, ...figures];
}

/** A numbered figure, its caption the image's title, else its alt text. */
function figureBlock(
  image: FigureImage,
  alt: string,
  title: string | null | undefined,
  context: Context,
  indent: number,
): Block {
  const number = ++context.figures.count;
  const caption = title?.trim() || alt.trim();
  const label = `${context.figures.word} ${number}.`;
  return {
    kind: 'figure',
    runs: [
      { text: caption ? `${label} ` : label, face: 'bold' },
      ...(caption ? [{ text: caption, face: 'regular' as const }] : []),
    ],
    indent,
    figure: { image, alt: alt.trim() || caption || label },
  };
}

/** Raw HTML: a comment (a lint directive, an editor's note) is not content; other HTML is shown as written. */
function htmlBlocks(value: string, indent: number): Block[] {
  if (/^\s*<!--[\s\S]*-->\s*$/.test(value)) return [];
  return [{ kind: 'code', runs: [{ text: value, face: 'mono' }], indent: indent + 12 }];
}

/** Bullets by depth, as word processors vary them. */
const bullets = ['•', '–', '•'];

function listBlocks(
  node: Extract<RootContent, { type: 'list' }>,
  context: Context,
  indent: number,
): Block[] {
  const depth = Math.round(indent / indentStep);
  const items = node.children.flatMap((item, index) => {
    const marker = node.ordered
      ? `${(node.start ?? 1) + index}.`
      : (bullets[depth % bullets.length] ?? '•');
    const inner = item.children.flatMap((child) => blocksOf(child, context, indent + indentStep));
    const first = inner[0];
    if (first && first.marker === undefined) first.marker = marker;
    else if (!first)
      inner.push({ kind: 'paragraph', runs: [], indent: indent + indentStep, marker });
    return contained(inner, 'item', context);
  });
  return contained(items, 'list', context);
}

function tableContent(node: Table, context: Context): TableContent {
  return {
    align: node.align ?? [],
    rows: node.children.map((row, rowIndex) =>
      row.children.map((cell) =>
        runsOf(cell.children, rowIndex === 0 ? 'bold' : 'regular', context),
      ),
    ),
  };
}

const emphasized: Record<Face, Face> = {
  regular: 'italic',
  italic: 'regular',
  bold: 'boldItalic',
  boldItalic: 'bold',
  mono: 'mono',
};
const strengthened: Record<Face, Face> = {
  regular: 'bold',
  italic: 'boldItalic',
  bold: 'bold',
  boldItalic: 'boldItalic',
  mono: 'mono',
};

interface RunStyle {
  face: Face;
  link?: string;
  strike?: boolean;
}

function runsOf(nodes: PhrasingContent[], face: Face, context: Context): Run[] {
  return withSeparatedCalls(nodes.flatMap((node) => phrasingRuns(node, { face }, context)));
}

/**
 * Adjacent note calls get a comma between them (Chicago's ¹˒²), so that
 * two calls never read as one number.
 */
function withSeparatedCalls(runs: Run[]): Run[] {
  return runs.map((run, index) =>
    run.note !== undefined && runs[index - 1]?.note !== undefined
      ? { ...run, text: `,${run.text}` }
      : run,
  );
}

function styled(text: string, style: RunStyle): Run {
  const run: Run = { text, face: style.face };
  if (style.link) run.link = style.link;
  if (style.strike) run.strike = true;
  return run;
}

function phrasingRuns(node: PhrasingContent, style: RunStyle, context: Context): Run[] {
  const inner = (children: PhrasingContent[], next: RunStyle): Run[] =>
    children.flatMap((child) => phrasingRuns(child, next, context));
  switch (node.type) {
    case 'text':
      // A line ending inside a paragraph (a soft break) is a space; only a hard break (`break`) ends the line.
      return [styled(oneLine(node.value), style)];
    case 'inlineCode':
      return [styled(node.value, { ...style, face: 'mono' })];
    case 'html':
      return /^<!--[\s\S]*-->$/.test(node.value)
        ? []
        : [styled(node.value, { ...style, face: 'mono' })];
    case 'break':
      return [{ text: '\n', face: style.face }];
    case 'emphasis':
      return inner(node.children, { ...style, face: emphasized[style.face] });
    case 'strong':
      return inner(node.children, { ...style, face: strengthened[style.face] });
    case 'delete':
      return inner(node.children, { ...style, strike: true });
    case 'link': {
      const url = safeUrl(node.url) ?? style.link;
      return inner(node.children, url ? { ...style, link: url } : style);
    }
    case 'linkReference': {
      const defined = context.urls.get(labelKey(node.label ?? node.identifier))?.url;
      const url = (defined && safeUrl(defined)) ?? style.link;
      return inner(node.children, url ? { ...style, link: url } : style);
    }
    case 'image':
    case 'imageReference':
      return node.alt
        ? [styled(oneLine(node.alt), { ...style, face: emphasized[style.face] })]
        : [];
    case 'footnoteReference': {
      const number = context.numberOf.get(node.identifier);
      return number === undefined ? [] : [{ text: String(number), face: 'regular', note: number }];
    }
    default:
      throw cannotShow(node);
  }
}

/**
 * Text with the line endings of the source as spaces: a line ending inside a
 * paragraph, an alt text or a title (a soft break) is a space; only a hard
 * break (`break`) ends a printed line.
 */
function oneLine(text: string): string {
  return text.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
}
