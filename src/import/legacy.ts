/**
 * import/ — other formats into source articles: legacy scraped plain text (this file)
 * and Word .docx (docx/). Every word kept, every loss reported with its place.
 */
import type { FootnoteDefinition, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { stringify } from 'yaml';
import { labelKey } from '../model/labels.js';
import { languageNames } from '../model/languages.js';
import { shortName } from '../model/short-name.js';
import { stringifyMarkdown } from '../parse/stringify.js';

// Global patterns, for `match` only (it starts at 0 and leaves `lastIndex` at 0).
const anyLetter = /\p{L}/gu;
const turkishWord = /(?<!\p{L})(ve|bir|bu|ile|için|olarak|de|da|yılında)(?!\p{L})/giu;

/** Something the importer could not map, or dropped as web-page debris: always said, never silent. */
export interface ImportNote {
  reason: string;
  /** 1-based line in the legacy text. */
  line: number;
  severity: 'warning' | 'info';
}

export interface ImportResult {
  /** The source article (front matter and body). */
  markdown: string;
  /** A file name for it, from the title. */
  slug: string;
  notes: ImportNote[];
}

interface Chunk {
  text: string;
  line: number;
}

// Web-page debris of the house style, dropped (and reported).
const debris = [
  /^similar posts$/iu,
  /^related posts$/iu,
  /^share this( post)?:?$/iu,
  /^this post is also available in:/iu,
];
// Edition names as the debris writes them (each language's own name, or its English one).
const editionNames: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(languageNames).map(([code, name]) => [name.toLocaleLowerCase('tr'), code]),
  ),
  turkish: 'tr',
  russian: 'ru',
};
const sourceLine = /^\[(\d{1,3})\]\s+([\s\S]+)$/u;
const marker = /\[(\d{1,3})\]/gu;

/**
 * Turn a legacy plain-text article (a scraped web page in the house style:
 * title line, plain `[1]` markers, a trailing numbered source list, the
 * author's bio last) into a source article. Every word of the title, body,
 * sources and bio is kept; debris is dropped and reported; what cannot be
 * mapped is reported. The same input always gives the same bytes.
 */
export function importLegacy(text: string): ImportResult {
  const notes: ImportNote[] = [];
  const chunks = paragraphs(text.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n'));
  const [titleChunk, ...rest] = chunks;
  const title = titleChunk?.text.replace(/\s+/gu, ' ') ?? '';
  if (!title)
    notes.push({ reason: 'No title: the first line is empty', line: 1, severity: 'warning' });

  const translations: string[] = [];
  const kept = rest.filter((chunk) => {
    if (!debris.some((pattern) => pattern.test(chunk.text))) return true;
    // The names may wrap onto more lines: every name of the paragraph is read.
    const editions = /^this post is also available in:\s*([\s\S]*)$/iu.exec(chunk.text)?.[1];
    for (const name of editions?.split(/\s+/u).filter(Boolean) ?? []) {
      const code = editionNames[name.toLocaleLowerCase('tr')];
      if (code && !translations.includes(code)) translations.push(code);
      else if (!code)
        notes.push({
          reason: `Unknown edition language \`${name}\` in “${chunk.text}”, not recorded`,
          line: chunk.line,
          severity: 'warning',
        });
    }
    notes.push({
      reason: `Dropped web-page debris “${chunk.text}”`,
      line: chunk.line,
      severity: 'info',
    });
    return false;
  });

  const firstSource = kept.findIndex((chunk) => sourceLine.test(chunk.text));
  const lastSource =
    firstSource === -1
      ? -1
      : kept.length - 1 - [...kept].reverse().findIndex((chunk) => sourceLine.test(chunk.text));
  const body = firstSource === -1 ? kept : kept.slice(0, firstSource);
  const sourceChunks = firstSource === -1 ? [] : kept.slice(firstSource, lastSource + 1);
  const after = firstSource === -1 ? [] : kept.slice(lastSource + 1);
  const bio = after.length > 0 ? after[after.length - 1] : undefined;
  // Paragraphs between the sources and the bio are not dropped: they stay at the end of the body.
  for (const chunk of after.slice(0, -1)) {
    notes.push({
      reason: 'A paragraph after the source list that is not the bio: kept at the end of the body',
      line: chunk.line,
      severity: 'warning',
    });
    body.push(chunk);
  }

  const sources = new Map<string, Chunk>();
  for (const chunk of sourceChunks) {
    const match = sourceLine.exec(chunk.text);
    if (!match?.[1] || !match[2]) {
      notes.push({
        reason:
          'A paragraph inside the source list that is not a numbered source: kept in the body',
        line: chunk.line,
        severity: 'warning',
      });
      body.push(chunk);
      continue;
    }
    if (sources.has(match[1])) {
      notes.push({
        reason: `Source [${match[1]}] is listed twice: the second kept as [${match[1]}-2]`,
        line: chunk.line,
        severity: 'warning',
      });
      sources.set(`${match[1]}-2`, { text: match[2], line: chunk.line });
    } else sources.set(match[1], { text: match[2], line: chunk.line });
  }

  const cited = new Set<string>();
  const children: RootContent[] = body.map((chunk) => paragraph(chunk, sources, cited, notes));
  for (const [label, chunk] of sources) {
    if (!cited.has(label))
      notes.push({
        reason: `Source [${label}] has no marker in the text: kept as an entry nothing cites`,
        line: chunk.line,
        severity: 'warning',
      });
    const definition: FootnoteDefinition = {
      type: 'footnoteDefinition',
      identifier: labelKey(label),
      label,
      children: [
        {
          type: 'paragraph',
          children: withLinks(chunk.text.replace(/\s+/gu, ' ')),
        },
      ],
    };
    children.push(definition);
  }

  const lang = detectLanguage(body.map((chunk) => chunk.text).join(' '));
  const bioText = bio?.text.replace(/\s+/gu, ' ');
  const bioLang = bioText ? detectLanguage(bioText) : undefined;
  const author = bioText ? authorOf(bioText, bioLang ?? lang) : undefined;
  if (!author)
    notes.push({
      reason:
        'No author found (expected the bio to start with the name, then a comma): `author` left empty',
      line: bio?.line ?? 1,
      severity: 'warning',
    });
  const frontMatter: Record<string, unknown> = { title, author: author ?? '', lang };
  if (bioText) frontMatter['bio'] = { lang: bioLang, text: bioText };
  const others = translations.filter((code) => code !== lang);
  if (others.length > 0) frontMatter['translations'] = others.map((code) => ({ lang: code }));
  const yaml = stringify(frontMatter, {
    lineWidth: 0,
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
  }).trimEnd();
  const tree: Root = { type: 'root', children: [{ type: 'yaml', value: yaml }, ...children] };
  return { markdown: stringifyMarkdown(tree), slug: slugify(title), notes };
}

function paragraphs(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let line = 1;
  for (const block of text.split(/\n[ \t]*\n/u)) {
    const trimmed = block.trim();
    const leading = block.length - block.trimStart().length;
    if (trimmed)
      chunks.push({
        text: trimmed,
        line: line + (block.slice(0, leading).match(/\n/gu)?.length ?? 0),
      });
    line += (block.match(/\n/gu)?.length ?? 0) + 2;
  }
  return chunks;
}

/** A body paragraph: its text, with `[n]` markers turned into footnote references when source `n` exists. */
function paragraph(
  chunk: Chunk,
  sources: Map<string, Chunk>,
  cited: Set<string>,
  notes: ImportNote[],
): Paragraph {
  const text = chunk.text.replace(/\s*\n\s*/gu, ' ');
  const children: PhrasingContent[] = [];
  let at = 0;
  for (const match of text.matchAll(marker)) {
    const label = match[1] ?? '';
    if (!sources.has(label)) {
      notes.push({
        reason: `Marker [${label}] has no source in the list: kept as the reference [^${label}], which the check reports`,
        line: chunk.line,
        severity: 'warning',
      });
    }
    if (match.index > at) children.push({ type: 'text', value: text.slice(at, match.index) });
    children.push({ type: 'footnoteReference', identifier: labelKey(label), label });
    cited.add(label);
    at = match.index + match[0].length;
  }
  if (at < text.length) children.push({ type: 'text', value: text.slice(at) });
  return { type: 'paragraph', children };
}

const url = /https?:\/\/[^\s<>"”»]+[^\s<>"”».,;:)]/gu;

/** Text with its URLs as links (written `<https://…>`), so they are neither escaped nor lost. */
function withLinks(text: string): PhrasingContent[] {
  const children: PhrasingContent[] = [];
  let at = 0;
  for (const match of text.matchAll(url)) {
    if (match.index > at) children.push({ type: 'text', value: text.slice(at, match.index) });
    children.push({ type: 'link', url: match[0], children: [{ type: 'text', value: match[0] }] });
    at = match.index + match[0].length;
  }
  if (at < text.length) children.push({ type: 'text', value: text.slice(at) });
  return children;
}

/** The language of a text: Russian for Cyrillic, Turkish for Turkish letters and words, else English. */
export function detectLanguage(text: string): string {
  const letters = text.match(anyLetter)?.length ?? 0;
  if (letters === 0) return 'en';
  const cyrillic = text.match(/[\u0400-\u04ff]/gu)?.length ?? 0;
  if (cyrillic / letters > 0.3) return 'ru';
  const turkishLetters = text.match(/[ğĞıİşŞ]/gu)?.length ?? 0;
  const turkishWords = text.match(turkishWord)?.length ?? 0;
  const words = text.split(/\s+/u).length;
  return turkishLetters / letters > 0.01 || turkishWords / words > 0.04 ? 'tr' : 'en';
}

/** The author's name from a bio that starts with it (`Aidana BAKTYBEK KYZY, 1999 yılında …`), in title case. */
function authorOf(bio: string, lang: string): string | undefined {
  const name = /^([\p{Lu}][\p{L}'’.-]*(?:\s+[\p{L}'’.-]+){1,4}),/u.exec(bio)?.[1];
  if (!name) return undefined;
  return name
    .split(/\s+/u)
    .map((word) =>
      word === word.toLocaleUpperCase(lang) && word.length > 1
        ? word.charAt(0) + word.slice(1).toLocaleLowerCase(lang)
        : word,
    )
    .join(' ');
}

const transliteration: Record<string, string> = {
  ç: 'c',
  ğ: 'g',
  ı: 'i',
  i̇: 'i',
  ö: 'o',
  ş: 's',
  ü: 'u',
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** A file name from a title: lower case ASCII words joined by `-`, at most `maxImportSlug` bytes. */
export function slugify(title: string): string {
  const ascii = [...title.toLocaleLowerCase('tr').normalize('NFC')]
    .map((character) => transliteration[character] ?? character)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '');
  const slug = ascii.replace(/[^a-z0-9]+/gu, '-').replace(/^-+|-+$/gu, '');
  return slug ? shortName(slug, maxImportSlug) : 'article';
}

/** The longest slug `import` makes from a title, in bytes (a long first line is cut, with a hash). */
export const maxImportSlug = 80;
