/** Limits on one article, beyond which the parser is too slow or too deep to be safe. */
export const limits = {
  /** Bytes in one article (checked when reading). */
  bytes: 10 * 1024 * 1024,
  /** Footnote references and entries (`[^`) in one article: micromark's footnote handling is quadratic in them. */
  footnotes: 10_000,
  /** Brackets open at once in one paragraph: micromark's label handling is quadratic in them. */
  bracketDepth: 100,
  /** Block quotes and list items nested in one another (markers or indentation of a line). */
  nesting: 100,
} as const;

const containerMarker = /^[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))/u;

/**
 * The first limit `text` goes over, as a one-line reason, or `undefined`.
 * A linear scan, run before parsing.
 */
export function overLimit(text: string): string | undefined {
  let footnotes = 0;
  let depth = 0;
  let deepest = 0;
  let nesting = 0;
  for (const line of text.split('\n')) {
    const first = line.charCodeAt(0);
    // Only lines that start with white space, a marker or a digit can nest.
    if (
      first === 32 ||
      first === 9 ||
      first === 62 ||
      first === 45 ||
      first === 42 ||
      first === 43 ||
      (first >= 48 && first <= 57)
    ) {
      nesting = Math.max(nesting, lineNesting(line));
    }
    if (line === '' || ((first <= 32 || first >= 128) && line.trim() === '')) {
      // A blank line ends a paragraph, and with it every open bracket.
      depth = 0;
      continue;
    }
    if (!line.includes('[') && (depth === 0 || !line.includes(']'))) continue;
    for (let index = 0; index < line.length; index++) {
      const code = line.charCodeAt(index);
      if (code === 92) index++;
      else if (code === 91) {
        depth++;
        if (depth > deepest) deepest = depth;
        if (line.charCodeAt(index + 1) === 94) footnotes++;
      } else if (code === 93 && depth > 0) depth--;
    }
  }
  if (footnotes > limits.footnotes) {
    return `${footnotes} footnote references and entries, over the limit of ${limits.footnotes} per article`;
  }
  if (deepest > limits.bracketDepth) {
    return `brackets nested ${deepest} deep, over the limit of ${limits.bracketDepth}`;
  }
  if (nesting > limits.nesting) {
    return `block quotes or lists nested ${nesting} deep, over the limit of ${limits.nesting}`;
  }
  return undefined;
}

/** How deep a line nests: its container markers (`>`, `-`, `1.`), or its indentation in steps of two. */
function lineNesting(line: string): number {
  let markers = 0;
  let rest = line;
  for (let match = containerMarker.exec(rest); match; match = containerMarker.exec(rest)) {
    markers++;
    rest = rest.slice(match[0].length);
  }
  const indent = /^[ \t]*/u.exec(line)?.[0].replace(/\t/g, '    ').length ?? 0;
  return Math.max(markers, Math.floor(indent / 2));
}
