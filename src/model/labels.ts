import type { FootnoteDefinition, FootnoteReference } from 'mdast';
import { identifier } from '../parse/fast-parse.js';

/**
 * The key GFM matches footnote labels by: `normalizeIdentifier`, then lower
 * case (mdast's `identifier`). Give it the label as written in the source,
 * escapes and character references undecoded, as micromark does: `a+b` and
 * `a\+b` are two keys.
 */
export function labelKey(label: string): string {
  return identifier(label);
}

/** The longest label micromark takes, in UTF-16 code units as written. */
export const maxLabelLength = 999;

/** A footnote call found in raw text: `[^label]`. */
export interface FootnoteCall {
  /** The label as written (between `[^` and `]`). */
  label: string;
  /** Offset of `[` in the scanned string. */
  start: number;
  /** Offset just after `]` in the scanned string. */
  end: number;
}

/**
 * The offset of the `]` that closes a footnote label whose first character is
 * at `from` (just after `[^`), scanned as micromark's footnote tokenizers scan
 * it: at least one character, no space, tab or line ending, no unescaped `[`,
 * `\[`, `\]` and `\\` are escapes, at most 999 code units. `undefined` when
 * there is no such label before `limit`.
 */
export function labelEnd(source: string, from: number, limit = source.length): number | undefined {
  let index = from;
  while (index < limit) {
    if (index - from > maxLabelLength) return undefined;
    const code = source.charCodeAt(index);
    if (code === 93 /* ] */) return index > from ? index : undefined;
    if (code === 91 || code === 32 || code === 9 || code === 10 || code === 13) return undefined;
    index++;
    if (code === 92 /* \ */) {
      const next = source.charCodeAt(index);
      if (index < limit && (next === 91 || next === 92 || next === 93)) index++;
    }
  }
  return undefined;
}

/**
 * Find footnote calls in raw Markdown text (with no code, HTML or link
 * destinations in it: see `model/calls.ts` for whole articles). A call whose
 * `[` is escaped (`\[^x]`) is not a call.
 */
export function findFootnoteCalls(raw: string): FootnoteCall[] {
  const calls: FootnoteCall[] = [];
  for (let start = raw.indexOf('[^'); start !== -1; start = raw.indexOf('[^', start + 1)) {
    if (isEscaped(raw, start, 0)) continue;
    const close = labelEnd(raw, start + 2);
    if (close === undefined) continue;
    calls.push({ label: raw.slice(start + 2, close), start, end: close + 1 });
  }
  return calls;
}

/** Whether the character at `index` follows an odd run of backslashes (back to `floor`). */
export function isEscaped(source: string, index: number, floor: number): boolean {
  let backslashes = 0;
  for (let at = index - 1; at >= floor && source.charCodeAt(at) === 92; at--) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * The label of a footnote reference or entry as written in `source` (what
 * messages show): escapes and character references as the author typed them.
 * Without positions, the decoded label mdast keeps.
 */
export function writtenLabel(node: FootnoteDefinition | FootnoteReference, source: string): string {
  const start = node.position?.start.offset;
  if (start !== undefined && source.startsWith('[^', start)) {
    const close = labelEnd(source, start + 2);
    if (close !== undefined) return source.slice(start + 2, close);
  }
  return node.label ?? node.identifier;
}
