import type { PhrasingContent, RootContent } from 'mdast';
import type { Article } from '../../model/article.js';
import { alsoAvailableIn } from '../../model/languages.js';
import type { Face } from './fonts.js';

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
}

export type BlockKind = 'title' | 'subtitle' | 'byline' | 'heading' | 'paragraph' | 'code' | 'rule';

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

/** Turn the article model into blocks and note texts (normalize stage). */
export function normalize(article: Article): Manuscript {
  const { meta } = article;
  const context = { numberOf: article.numberOf };
  const blocks: Block[] = [
    { kind: 'title', runs: [{ text: meta.title, face: 'bold' }], level: 1, indent: 0 },
  ];
  if (meta.subtitle)
    blocks.push({ kind: 'subtitle', runs: [{ text: meta.subtitle, face: 'italic' }], indent: 0 });
  const byline = meta.date ? `${meta.author} · ${meta.date}` : meta.author;
  blocks.push({
    kind: 'byline',
    runs: [{ text: byline, face: 'regular' }, ...editionRuns(article)],
    indent: 0,
  });
  for (const node of article.body) blocks.push(...blocksOf(node, context, 0));
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
        ...blocksOf(child, context, 0).flatMap((block) => block.runs),
      ]),
    );
  }
  const noteTargets = new Map(
    article.notes.flatMap((note) =>
      note.target === undefined ? [] : [[note.number, note.target] as const],
    ),
  );
  return { lang: meta.lang, blocks, notes, noteTargets };
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
}

function blocksOf(node: RootContent, context: Context, indent: number): Block[] {
  switch (node.type) {
    case 'paragraph':
      return [{ kind: 'paragraph', runs: runsOf(node.children, 'regular', context), indent }];
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
      return node.children.flatMap((child) => blocksOf(child, context, indent + 18));
    case 'list':
      return node.children.flatMap((item, index) => {
        const marker = node.ordered ? `${(node.start ?? 1) + index}.` : '•';
        const inner = item.children.flatMap((child) => blocksOf(child, context, indent + 18));
        const first = inner[0];
        if (first && first.marker === undefined) first.marker = marker;
        return inner;
      });
    case 'code':
      return node.value.split('\n').map((line) => ({
        kind: 'code',
        runs: [{ text: line || ' ', face: 'regular' }],
        indent: indent + 12,
      }));
    case 'thematicBreak':
      return [{ kind: 'rule', runs: [], indent }];
    case 'table':
      return node.children.map((row, rowIndex) => ({
        kind: 'paragraph',
        indent,
        runs: row.children.flatMap((cell, cellIndex) => [
          ...(cellIndex > 0 ? [{ text: ' | ', face: 'regular' as const }] : []),
          ...runsOf(cell.children, rowIndex === 0 ? 'bold' : 'regular', context),
        ]),
      }));
    default:
      return [];
  }
}

const emphasized: Record<Face, Face> = {
  regular: 'italic',
  italic: 'regular',
  bold: 'boldItalic',
  boldItalic: 'bold',
};
const strengthened: Record<Face, Face> = {
  regular: 'bold',
  italic: 'boldItalic',
  bold: 'bold',
  boldItalic: 'boldItalic',
};

function runsOf(nodes: PhrasingContent[], face: Face, context: Context, link?: string): Run[] {
  return nodes.flatMap((node): Run[] => {
    const withLink = (run: Run): Run => (link ? { ...run, link } : run);
    switch (node.type) {
      case 'text':
        return [withLink({ text: node.value, face })];
      case 'inlineCode':
        return [withLink({ text: node.value, face })];
      case 'break':
        return [{ text: '\n', face }];
      case 'emphasis':
        return runsOf(node.children, emphasized[face], context, link);
      case 'strong':
        return runsOf(node.children, strengthened[face], context, link);
      case 'delete':
        return runsOf(node.children, face, context, link);
      case 'link': {
        const url = safeUrl(node.url);
        return runsOf(node.children, face, context, url ?? link);
      }
      case 'linkReference':
        return runsOf(node.children, face, context, link);
      case 'image':
      case 'imageReference':
        return node.alt ? [{ text: node.alt, face: emphasized[face] }] : [];
      case 'footnoteReference': {
        const number = context.numberOf.get(node.identifier);
        return number === undefined
          ? []
          : [{ text: String(number), face: 'regular', note: number }];
      }
      default:
        return [];
    }
  });
}
