import { normalizeIdentifier } from 'micromark-util-normalize-identifier';

/**
 * The key GFM matches footnote labels by: `normalizeIdentifier`, then lower
 * case (the same as mdast's `identifier`).
 */
export function labelKey(label: string): string {
  return normalizeIdentifier(label).toLowerCase();
}

/** A footnote call found in raw text: `[^label]`. */
export interface FootnoteCall {
  /** The label as written (between `[^` and `]`). */
  label: string;
  /** Offset of `[` in the scanned string. */
  start: number;
  /** Offset just after `]` in the scanned string. */
  end: number;
}

// A GFM footnote label: no whitespace, no unescaped brackets, at most 999 characters.
const callPattern = /\[\^((?:[^\s[\]\\]|\\[\s\S]){1,999})\]/g;

/**
 * Find footnote calls in raw Markdown source (for example the source slice of a
 * text node). A call whose `[` is escaped (`\[^x]`) is not a call.
 */
export function findFootnoteCalls(raw: string): FootnoteCall[] {
  const calls: FootnoteCall[] = [];
  for (const match of raw.matchAll(callPattern)) {
    const start = match.index;
    if (isEscaped(raw, start)) continue;
    calls.push({ label: match[1] ?? '', start, end: start + match[0].length });
  }
  return calls;
}

function isEscaped(raw: string, index: number): boolean {
  let backslashes = 0;
  for (let at = index - 1; at >= 0 && raw.charCodeAt(at) === 92; at--) backslashes++;
  return backslashes % 2 === 1;
}
