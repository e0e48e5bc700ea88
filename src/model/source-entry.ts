import type { FootnoteDefinition, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { walk } from './tree-index.js';
import { findDate, type WrittenDate } from './dates.js';

/** Between two authors: a comma, a semicolon, `and`, `ve`, `и` or `&`. */
const authorSeparator = /\s*(?:,|;|\band\b|\bve\b|(?<!\p{L})и(?!\p{L})|&)\s*/u;

export type BackReferenceKind = 'op-cit' | 'ibid' | 'idem' | 'loc-cit';

/** A source entry read into fields. Every field is optional: entries are free text. */
export interface SourceEntry {
  /** The entry's text (the footnote definition as plain text). */
  text: string;
  authors?: string;
  title?: string;
  publisher?: string;
  urls: string[];
  doi?: string;
  isbn?: string;
  /** The access date, with the text that labelled it (if any). */
  accessDate?: WrittenDate & { label?: string };
  /** The entry points back at an earlier one: `op. cit.`, `ibid.`, `idem`, `loc. cit.`. */
  backReference?: { kind: BackReferenceKind; marker: string; author?: string };
}

// Back-reference markers in English/Latin, Turkish and Russian spellings.
const backReferences: Array<[BackReferenceKind, RegExp]> = [
  ['op-cit', /(?<![\p{L}\d])(op\.?\s*cit\.?|a\.\s*g\.\s*e\.?|указ\.?\s*соч\.?)(?![\p{L}\d])/iu],
  ['loc-cit', /(?<![\p{L}\d])(loc\.?\s*cit\.?)(?![\p{L}\d])/iu],
  ['ibid', /(?<![\p{L}\d])(ibid(?:em)?\.?|a\.\s*e\.?|там\s+же\.?)(?![\p{L}\d])/iu],
  ['idem', /(?<![\p{L}\d])(idem\.?)(?![\p{L}\d])/iu],
];

export const accessLabel =
  /(date of accession|date accessed|accessed(?:\s+on)?|retrieved(?:\s+on)?|erişim\s+tarihi|дата\s+обращения)\s*:?\s*/iu;

// Each with the quotation mark it opens with: an entry without it skips the pattern.
const titlePatterns: Array<[string, RegExp]> = [
  ['“', /“(.+?)”(?=\s*[,.;:(]|\s*$)/u],
  ['«', /«(.+?)»(?=\s*[,.;:(]|\s*$)/u],
  ['„', /„(.+?)“(?=\s*[,.;:(]|\s*$)/u],
  ['"', /"(.+?)"(?=\s*[,.;:(]|\s*$)/u],
];

/** A character that `trimTrailing` takes off the end of a URL found in the text. */
const trailing = /^[.,;:)\]]$/u;
const urlPattern = /\b(?:https?:\/\/|mailto:|www\.)[^\s<>"”»]+/giu;
const doiPattern = /\b(10\.\d{4,9}\/[^\s"<>”»]+)/iu;
const isbnPattern = /\bISBN(?:-1[03])?:?\s*((?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dX])\b/iu;

/**
 * An entry's locators, each as one string: its URLs (as the URL parser writes
 * them) and its DOI (`doi:…`). Two entries that share one are the same source.
 */
export function locatorsOf(entry: SourceEntry): Set<string> {
  return new Set([
    ...entry.urls.map(normalizeUrl),
    ...(entry.doi === undefined ? [] : [`doi:${entry.doi}`]),
  ]);
}

function normalizeUrl(url: string): string {
  if (writtenAsParsed.test(url)) return url;
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/**
 * A URL the URL parser writes back as it is: `http` or `https`, a host of lower-case labels
 * whose last starts with a letter (no IPv4 address), a path of segments of unreserved
 * characters that no `.` starts (no dot segments), no port, query, fragment or escapes.
 * Most entries' URLs are, and skip the parser (about 1 µs each).
 */
const writtenAsParsed =
  /^https?:\/\/(?:[a-z\d](?:[a-z\d-]*[a-z\d])?\.)*[a-z](?:[a-z\d-]*[a-z\d])?(?:\/(?:[\w~-][\w.~-]*)?)+$/u;

/**
 * Whether the text of `node` (`toString` of mdast-util-to-string: text, code and HTML
 * values, image descriptions) is white space only, found without joining it.
 */
export function isBlank(node: Nodes): boolean {
  if ('value' in node) return !/\S/u.test(node.value);
  if ('alt' in node && node.alt) return !/\S/u.test(node.alt);
  if ('children' in node) return node.children.every(isBlank);
  return true;
}

/** Read a footnote definition into fields. */
export function parseSourceEntry(definition: FootnoteDefinition): SourceEntry {
  const written = toString(definition);
  // White space other than lone spaces is rare: a test finds it faster than a replace copies.
  const text = (/[^\S ]| {2}/u.test(written) ? written.replace(/\s+/gu, ' ') : written).trim();
  const urls: string[] = [];
  walk(definition, (node) => {
    if (node.type === 'link') urls.push(node.url);
    return true;
  });
  // `exec` on the global pattern, not `matchAll`, which makes a copy of the pattern per entry.
  urlPattern.lastIndex = 0;
  for (let match = urlPattern.exec(text); match; match = urlPattern.exec(text)) {
    const url = trimTrailing(match[0]);
    if (!urls.includes(url)) urls.push(url);
  }
  const entry: SourceEntry = { text, urls };
  // The patterns start with `\b`, which makes the regular expression engine try every
  // position: a plain search for their fixed part first is ten times faster on entries without.
  const doi = text.includes('10.') ? doiPattern.exec(text)?.[1] : undefined;
  if (doi) entry.doi = trimTrailing(doi).toLowerCase();
  const isbn = /isbn/iu.test(text) ? isbnPattern.exec(text)?.[1] : undefined;
  if (isbn) entry.isbn = isbn.replace(/[-\s]/g, '');
  const accessDate = findAccessDate(text);
  if (accessDate) entry.accessDate = accessDate;

  const title = findTitle(text);
  if (title) {
    entry.title = title.title;
    const authors = trimPunctuation(text.slice(0, title.start));
    if (authors) entry.authors = authors;
    const publisher = trimPunctuation(firstPart(text, title.end));
    if (
      publisher &&
      !/^(?:https?:\/\/|mailto:|www\.)/iu.test(publisher) &&
      !accessLabel.test(publisher) &&
      !publisher.startsWith('(')
    )
      entry.publisher = publisher;
  } else {
    const back = findBackReference(text);
    if (back) entry.backReference = back;
    else {
      const authors = trimPunctuation(text.split(',')[0] ?? '');
      if (authors && authors !== text) entry.authors = authors;
    }
  }
  return entry;
}

function findTitle(text: string): { title: string; start: number; end: number } | undefined {
  let best: { title: string; start: number; end: number } | undefined;
  for (const [opening, pattern] of titlePatterns) {
    if (!text.includes(opening)) continue;
    const match = pattern.exec(text);
    if (!match?.[1] || (best && best.start <= match.index)) continue;
    best = { title: match[1], start: match.index, end: match.index + match[0].length };
  }
  return best;
}

function findBackReference(text: string): SourceEntry['backReference'] {
  for (const [kind, pattern] of backReferences) {
    const match = pattern.exec(text);
    if (!match) continue;
    const author = trimPunctuation(text.slice(0, match.index));
    return author ? { kind, marker: match[0], author } : { kind, marker: match[0] };
  }
  return undefined;
}

function findAccessDate(text: string): SourceEntry['accessDate'] {
  const label = accessLabel.exec(text);
  if (label) {
    const after = text.slice(label.index + label[0].length);
    const date = findDate(after);
    // The date is the entry's own (findDate makes it): its offset becomes the entry's.
    if (date && date.offset <= 2) {
      date.offset += label.index + label[0].length;
      return Object.assign(date, { label: label[1] ?? label[0] });
    }
  }
  // Without a label: a date in parentheses closing the entry.
  const closing = /\(([^()]*)\)\s*\.?\s*$/u.exec(text);
  if (closing?.[1]) {
    const date = findDate(closing[1]);
    if (date && date.text === closing[1].trim()) {
      date.offset = closing.index + 1 + closing[1].indexOf(date.text);
      return date;
    }
  }
  return undefined;
}

/**
 * The first part of `text` from `start` on, between commas, with more than white space,
 * trimmed ('' if none).
 */
function firstPart(text: string, start: number): string {
  for (let from = start; ;) {
    const comma = text.indexOf(',', from);
    const part = text.slice(from, comma === -1 ? text.length : comma).trim();
    if (part || comma === -1) return part;
    from = comma + 1;
  }
}

function trimTrailing(url: string): string {
  return trailing.test(url.charAt(url.length - 1)) ? url.replace(/[.,;:)\]]+$/u, '') : url;
}

function trimPunctuation(value: string): string {
  return value.replace(/^[\s,.;:]+|[\s,;:]+$/gu, '').trim();
}

/** The surname in an author string: the last word of the first author. */
export function surnameOf(authors: string): string {
  // `\b` is ASCII-only in JavaScript (even with `u`): the Cyrillic `и` needs letter look-arounds.
  const first = authors.split(authorSeparator)[0] ?? authors;
  const parts = first.trim().split(/\s+/u);
  return (parts[parts.length - 1] ?? first).replace(/[.,]$/u, '');
}
