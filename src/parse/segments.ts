import type {
  Definition,
  FootnoteDefinition,
  Nodes,
  PhrasingContent,
  Root,
  RootContent,
} from 'mdast';
import type { Point, Position } from 'unist';
import {
  type Block,
  type Context,
  type Line,
  blockNode,
  frontMatter,
  frontMatterNode,
  identifier,
  newContext,
  point,
  scanBlocks,
  splitLines,
} from './fast-parse.js';

/**
 * The segmented parse, for an article the one-pass parser does not take whole.
 *
 * The body is cut where a line at the margin follows a blank line: there every
 * block before has ended, unless a fenced code block or an HTML block that
 * blank lines do not end (kinds 1–5) is still open, or the line is a list
 * item that continues a list. Each segment the one-pass parser takes is parsed
 * by it; the others, runs of neighbours joined, by micromark, each as a
 * document of its own whose positions are moved to where it stands. A segment
 * whose only trouble is the text of a paragraph (at the margin, or of one line)
 * is the one-pass parser's too: micromark parses the text of those paragraphs,
 * all of the article's in one document (`parseLater`).
 *
 * Only definitions reach across blocks: whether `[^x]` or `[x]` is a call or
 * text depends on the entries of the whole article. Every part is told the
 * labels defined elsewhere that its text could name (micromark by definition
 * lines written before its text, the one-pass parser by its label sets), and
 * a run that defines a label another run names is parsed again once all are
 * known.
 *
 * A cut in the wrong place would show: the run before it would end in a
 * fenced code or HTML block its own text does not close. Then, and for
 * anything else unusual (CR line ends, a byte order mark, open front matter,
 * a paragraph's text micromark reads as more than a paragraph), the answer is
 * `undefined` and the caller parses the whole article with micromark. The tree
 * is micromark's, node for node and position for position: tests/segments.test.ts
 * and tests/deep/segments.test.ts compare the two.
 */
/**
 * The most characters neighbouring segments are joined to in one micromark run
 * (a longer segment is a run alone). micromark holds every event of a document
 * until its end: one run of 900 KB of dense markup held ~700 MB and spent 2.5 s
 * of 6.5 s collecting garbage; runs of this size keep it small, and a run's own
 * cost (its definition lines, moving its positions) stays a small part of it.
 */
const runLength = 32 * 1024;

export function segmentedParse(
  text: string,
  micromark: (doc: string) => Root,
  counts?: SegmentCounts,
): Root | undefined {
  if (text.includes('\r') || text.includes('\0') || text.includes('\uFEFF')) return undefined;
  const lines = splitLines(text);
  const front = frontMatter(text, lines);
  if (front === false) return undefined;
  const starts = segmentStarts(text, lines, front ? front.endLine + 1 : 0);

  const segments = starts.map((from, index): Segment => {
    const to = starts[index + 1] ?? lines.length;
    const start = (lines[from] as Line).start;
    const end = index + 1 < starts.length ? (lines[to] as Line).start : text.length;
    const blocks = scanBlocks(text, lines, from, to);
    return { from, start, end, blocks };
  });

  const labels = new Labels();
  for (const segment of segments) {
    for (const block of segment.blocks ?? []) {
      if (block.kind === 'footnote') labels.add('footnote', identifier(block.label));
      else if (block.kind === 'link') labels.add('link', identifier(block.label));
    }
  }

  // The one-pass parser's nodes of each segment it takes, made before micromark's runs: a
  // segment whose text holds markup it does not model (an image with a title) then joins
  // its neighbours' run, as one the block scan refuses does. Parsed alone, each was a
  // micromark document of its own: 571 more on the realistic corpus, a sixth of its check.
  const known = labels.size;
  let later: Later[] = [];
  let shared = context(text, lines, labels, later);
  const taken = segments.map((segment) =>
    segment.blocks ? fastNodes(shared, segment.blocks, later) : undefined,
  );

  // micromark's runs: neighbouring segments the one-pass parser does not take.
  const runs: Run[] = [];
  segments.forEach((segment, index) => {
    if (taken[index]) return;
    const last = runs[runs.length - 1];
    if (last && last.end === segment.start && segment.end - last.start <= runLength) {
      last.end = segment.end;
    } else runs.push({ from: segment.from, start: segment.start, end: segment.end, nodes: [] });
  });
  for (const run of runs) {
    if (!parseRun(text, run, labels, micromark)) return undefined;
  }
  /**
   * A segment micromark parses on its own (taken by the one-pass parser before every label
   * was known), or `undefined` when its run would be cut wrong.
   */
  const alone = (segment: Segment): RootContent[] | undefined => {
    const run: Run = { from: segment.from, start: segment.start, end: segment.end, nodes: [] };
    return parseRun(text, run, labels, micromark) ? run.nodes : undefined;
  };
  if (labels.size > known) {
    // A run that defines what another run names: that one again, now told of it.
    for (const run of runs) {
      if (
        labels.someUntold(text.slice(run.start, run.end), run.told) &&
        !parseRun(text, run, labels, micromark)
      )
        return undefined;
    }
    // And the segments the one-pass parser took, now that the runs' labels are known.
    later = [];
    shared = context(text, lines, labels, later);
    for (const [index, segment] of segments.entries()) {
      if (!taken[index]) continue;
      taken[index] = fastNodes(shared, segment.blocks as Block[], later) ?? alone(segment);
      if (!taken[index]) return undefined;
    }
  }

  if (!parseLater(text, shared, later, labels, micromark)) return undefined;
  if (counts) {
    counts.runs += runs.length;
    counts.paragraphs += later.length;
    counts.inContainers += later.filter((each) => each.start < each.from).length;
  }

  const children: RootContent[] = front ? [frontMatterNode(shared, front)] : [];
  let next = 0;
  segments.forEach((segment, index) => {
    const run = runs[next];
    if (run && run.start === segment.start) {
      for (const node of run.nodes) children.push(node);
      next++;
    }
    for (const node of taken[index] ?? []) children.push(node);
  });
  return {
    type: 'root',
    children,
    position: { start: point(shared, 0), end: point(shared, text.length) },
  };
}

/** What a segmented parse gave micromark (for tests and measurements). */
export interface SegmentCounts {
  /** Runs of segments. */
  runs: number;
  /** Paragraphs of segments the one-pass parser took, whose text micromark parsed. */
  paragraphs: number;
  /** Those of them over the lines of containers. */
  inContainers: number;
}

interface Segment {
  /** Its first line. */
  from: number;
  start: number;
  end: number;
  /** Its blocks, when the one-pass parser takes its lines. */
  blocks: Block[] | undefined;
}

/** Segments micromark parses together. */
interface Run {
  from: number;
  start: number;
  end: number;
  nodes: RootContent[];
  /** The labels its text was told of, and those it defines itself. */
  told?: Set<string>;
}

/** A paragraph of a segment the one-pass parser takes whose text micromark parses. */
interface Later {
  /** Where what micromark is given of it starts: its text, or its first line with its containers' marks. */
  start: number;
  from: number;
  to: number;
  /** Its children, filled in by `parseLater`. */
  children: PhrasingContent[];
}

/** The one-pass parser's context, told of `labels`; its paragraphs it cannot model go in `later`. */
function context(text: string, lines: Line[], labels?: Labels, later?: Later[]): Context {
  const made = newContext(
    text,
    lines.map((line) => line.start),
  );
  for (const label of labels?.identifiers('footnote') ?? []) made.footnotes.add(label);
  for (const label of labels?.identifiers('link') ?? []) made.links.add(label);
  if (later) {
    made.later = (from, to) => {
      const start = laterStart(text, from, to);
      if (start === undefined) return undefined;
      const children: PhrasingContent[] = [];
      later.push({ start, from, to, children });
      return children;
    };
  }
  return made;
}

/**
 * The one-pass parser's nodes of a segment's blocks, or `undefined` when it refuses one; the
 * paragraphs it put off for micromark (`later`) are then dropped with the segment's nodes.
 */
function fastNodes(shared: Context, blocks: Block[], later: Later[]): RootContent[] | undefined {
  const nodes: RootContent[] = [];
  const before = later.length;
  for (const block of blocks) {
    const node = blockNode(shared, block);
    if (!node) {
      later.length = before;
      return undefined;
    }
    nodes.push(node);
  }
  return nodes;
}

/**
 * The first line of each segment: the body's first line that is not blank,
 * then each line at the margin after a blank line, outside fenced code and
 * HTML blocks of kinds 1–5, that is no list item.
 */
export function segmentStarts(text: string, lines: Line[], from: number): number[] {
  const starts: number[] = [];
  let open: RegExp | undefined; // what ends the fenced code or HTML block open
  let blank = true;
  // Whether the last line that was not blank was indented: after indented code, micromark
  // reads a quote's first line as if it interrupted a paragraph (fast-parse.ts), so no cut.
  let indented = false;
  for (let index = from; index < lines.length; index++) {
    const line = lines[index] as Line;
    const content = text.slice(line.start, line.end);
    const isBlank = /^[ \t]*$/u.test(content);
    if (open) {
      if (open.test(content)) open = undefined;
      blank = isBlank;
      continue;
    }
    if (isBlank) {
      blank = true;
      continue;
    }
    if (
      blank &&
      (starts.length === 0 ||
        !/^(?:[ \t]|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/u.test(content)) &&
      !(indented && content[0] === '>')
    ) {
      starts.push(index);
    }
    open = opens(content);
    blank = false;
    indented = /^(?: {4}|\t)/u.test(content);
  }
  return starts;
}

/** What ends the block a line opens when blank lines do not: a code fence or HTML of kinds 1–5. */
function opens(content: string): RegExp | undefined {
  // Each starts, after up to three spaces, with a backtick, a tilde or `<`.
  let at = 0;
  while (at < 3 && content.charCodeAt(at) === 32) at++;
  const first = content.charCodeAt(at);
  if (first !== 96 && first !== 126 && first !== 60) return undefined;
  const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/u.exec(content);
  if (fence) {
    const marks = fence[1] as string;
    if (marks[0] === '`' && (fence[2] as string).includes('`')) return undefined;
    return new RegExp(`^ {0,3}${marks[0] === '`' ? '`' : '~'}{${marks.length},}[ \\t]*$`, 'u');
  }
  for (const [start, end] of htmlKinds) {
    const match = start.exec(content);
    if (match && !end.test(content.slice(match[0].length))) return end;
  }
  return undefined;
}

/** HTML blocks that run to an end mark, not to a blank line: the opening and the end. */
const htmlKinds: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[ \t>]|$)/iu, /<\/(?:script|pre|style|textarea)>/iu],
  [/^ {0,3}<!--/u, /-->/u],
  [/^ {0,3}<\?/u, /\?>/u],
  [/^ {0,3}<![A-Za-z]/u, />/u],
  [/^ {0,3}<!\[CDATA\[/u, /\]\]>/u],
];

/**
 * Parse a run with micromark, told of the labels defined elsewhere that its
 * text could name; `false` when its last block is a fenced code or HTML block
 * it does not close (a cut was wrong).
 */
function parseRun(
  text: string,
  run: Run,
  labels: Labels,
  micromark: (doc: string) => Root,
): boolean {
  const body = text.slice(run.start, run.end);
  const told = labels.named(body);
  const prefix = preamble(told, body);
  const tree = micromark(prefix + body);
  const lineShift = run.from - countLines(prefix);
  const offsetShift = run.start - prefix.length;
  const nodes: RootContent[] = [];
  for (const node of tree.children) {
    if ((node.position?.start.offset ?? 0) < prefix.length) continue;
    move(node, lineShift, offsetShift);
    nodes.push(node);
  }
  const last = nodes[nodes.length - 1];
  if (run.end < text.length && last && !closed(text, last)) return false;
  run.nodes = nodes;
  run.told = new Set(told.map(([kind, id]) => `${kind} ${id}`));
  for (const node of nodes) {
    for (const [kind, id] of definitionsIn(node)) {
      labels.add(kind, id);
      run.told.add(`${kind} ${id}`);
    }
  }
  return true;
}

/** Marks that open block quotes and list items (a list item's after up to three spaces). */
const openers = /^(?: {0,3}>[ ]?| {0,3}(?:[-*+]|\d{1,9}[.)])[ ]{1,4})+$/u;

/**
 * Where a document of its own for the paragraph at `[from, to)` starts, or `undefined` when
 * none reads it as the article does. A paragraph at the margin, or of one line: its text (the
 * same lines at the same columns, or the same one line). One over the lines of containers
 * (micromark's places at a line's start then depend on their marks): its first line whole,
 * when marks before its text open each of them (`> `, `- `, `1. `, after up to three
 * spaces) and each of its other lines starts with the same marks, each list marker as
 * spaces; the document then has the same containers, of the same widths, on every line.
 */
function laterStart(text: string, from: number, to: number): number | undefined {
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  let lineEnd = text.indexOf('\n', from);
  if (lineStart === from || lineEnd === -1 || lineEnd >= to) return from;
  const marks = text.slice(lineStart, from);
  if (!openers.test(marks)) return undefined;
  const carried = marks.replace(/[-*+]|\d{1,9}[.)]/gu, (marker) => ' '.repeat(marker.length));
  while (lineEnd !== -1 && lineEnd < to) {
    if (!text.startsWith(carried, lineEnd + 1)) return undefined;
    lineEnd = text.indexOf('\n', lineEnd + 1);
  }
  return lineStart;
}

/** What keeps a paragraph in containers apart from what comes before it in `parseLater`'s document. */
const apart = '\n\n<!---->\n\n';

/**
 * Parse the paragraphs in `later` with micromark, all in one document, and put each one's
 * children where the one-pass parser left room for them; `false` when micromark does not
 * read them as those paragraphs.
 *
 * Each paragraph is written as it stands in the article, from `laterStart` (which takes
 * only those a document of their own reads as the article does), apart by blank lines (and
 * an empty comment before one in containers, which would otherwise go on a list before it),
 * after definition lines for the labels they could name (as in `parseRun`); micromark must
 * read one paragraph of each, in its containers, and its nodes move by the offset of its text.
 */
function parseLater(
  text: string,
  shared: Context,
  later: Later[],
  labels: Labels,
  micromark: (doc: string) => Root,
): boolean {
  if (later.length === 0) return true;
  const starts: number[] = [];
  let body = '';
  for (const { start, from, to } of later) {
    if (body !== '') body += start < from ? apart : '\n\n';
    starts.push(body.length);
    body += text.slice(start, to);
  }
  const prefix = preamble(labels.named(body), body);
  const tree = micromark(prefix + body);
  const nodes = tree.children.filter(
    (node) =>
      (node.position?.start.offset ?? 0) >= prefix.length &&
      !(node.type === 'html' && node.value === '<!---->'),
  );
  if (nodes.length !== later.length) return false;
  for (const [index, top] of nodes.entries()) {
    const { start, from, children } = later[index] as Later;
    const shift = start - prefix.length - (starts[index] as number);
    // Through its containers, each holding only the next, to the paragraph.
    let node: Nodes = top;
    while (
      (node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem') &&
      node.children.length === 1
    )
      node = node.children[0] as Nodes;
    if (node.type !== 'paragraph' || node.position?.start.offset !== from - shift) return false;
    const relocate = (child: Nodes): void => {
      if (child.position) {
        child.position = {
          start: point(shared, (child.position.start.offset ?? 0) + shift),
          end: point(shared, (child.position.end.offset ?? 0) + shift),
        };
      }
      if ('children' in child) for (const each of child.children) relocate(each);
    };
    for (const child of node.children) {
      relocate(child);
      children.push(child);
    }
  }
  return true;
}

/**
 * What goes before `body` in a micromark document of its own: a definition line for each
 * label it is told of, then (if anything was written, or `body` could open front matter) an
 * empty comment, so that nothing of `body` stands at the document's start.
 */
function preamble(told: Array<['footnote' | 'link', string]>, body: string): string {
  let prefix = '';
  for (const [kind, id] of told) {
    // A link label that starts with `^` is written after a space, or it would be a footnote's.
    prefix += kind === 'footnote' ? `[^${id}]: x\n\n` : `[${id[0] === '^' ? ' ' : ''}${id}]: x\n\n`;
  }
  // Front matter is read only at the start of a document.
  if (prefix !== '' || /^(?:---|\+\+\+)/u.test(body)) prefix += '<!---->\n\n';
  return prefix;
}

function countLines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/** Move a node and what it holds by whole lines (columns stay). */
function move(node: Nodes, lines: number, offset: number): void {
  if (node.position) node.position = moved(node.position, lines, offset);
  if ('children' in node) for (const child of node.children) move(child, lines, offset);
}

function moved(position: Position, lines: number, offset: number): Position {
  const shift = (at: Point): Point => ({
    line: at.line + lines,
    column: at.column,
    offset: (at.offset ?? 0) + offset,
  });
  return { start: shift(position.start), end: shift(position.end) };
}

/** Whether a top-level fenced code or HTML block ends where its text closes it. */
function closed(text: string, node: RootContent): boolean {
  if ((node.type !== 'code' && node.type !== 'html') || !node.position) return true;
  const start = node.position.start.offset ?? 0;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const source = text.slice(lineStart, node.position.end.offset);
  const lines = source.split('\n');
  const first = lines[0] as string;
  const last = lines[lines.length - 1] as string;
  if (node.type === 'code') {
    const fence = /^ {0,3}(`{3,}|~{3,})/u.exec(first);
    if (!fence) return true; // indented code: the line at the margin ends it
    const marks = fence[1] as string;
    const closing = /^ {0,3}(`+|~+)[ \t]*$/u.exec(last);
    return (
      lines.length > 1 &&
      closing !== null &&
      (closing[1] as string)[0] === marks[0] &&
      (closing[1] as string).length >= marks.length
    );
  }
  for (const [open, end] of htmlKinds) {
    const match = open.exec(first);
    if (!match) continue;
    return end.test(lines.length > 1 ? last : first.slice(match[0].length));
  }
  return true; // kinds 6 and 7 end at a blank line
}

function* definitionsIn(node: Nodes): Generator<['footnote' | 'link', string]> {
  if (node.type === 'footnoteDefinition')
    yield ['footnote', (node as FootnoteDefinition).identifier];
  if (node.type === 'definition') yield ['link', (node as Definition).identifier];
  if ('children' in node) for (const child of node.children) yield* definitionsIn(child);
}

/**
 * The labels an article defines, by kind, each as its identifier (the label
 * normalized and lower-cased, as mdast has it): written back as a label, it
 * normalizes to the same key in micromark.
 */
class Labels {
  private readonly keys = new Map<string, ['footnote' | 'link', string]>();
  private readonly bracketed = new Map<string, ['footnote' | 'link', string]>();

  get size(): number {
    return this.keys.size;
  }

  add(kind: 'footnote' | 'link', id: string): void {
    const key = `${kind} ${id}`;
    if (this.keys.has(key)) return;
    this.keys.set(key, [kind, id]);
    if (/[[\]]/u.test(id)) this.bracketed.set(key, [kind, id]);
  }

  identifiers(kind: 'footnote' | 'link'): string[] {
    const found: string[] = [];
    for (const [each, id] of this.keys.values()) if (each === kind) found.push(id);
    return found;
  }

  /**
   * The labels `body` could name: those whose identifier is what a pair of
   * brackets in its text holds, folded the same way (more than it names,
   * never fewer). None without a `[`.
   */
  named(body: string): Array<['footnote' | 'link', string]> {
    if (!body.includes('[') || this.keys.size === 0) return [];
    // A label across lines of a block quote is read without the quote's marks.
    const texts = [fold(body)];
    if (body.includes('>')) texts.push(fold(body.replace(/\n[ \t]*(?:>[ \t]?)+/gu, '\n')));
    const found = new Map<string, ['footnote' | 'link', string]>();
    for (const folded of texts) {
      for (const match of folded.matchAll(/\[([^[\]]*)\]/gu)) {
        const inner = (match[1] as string).trim();
        const link = this.keys.get(`link ${inner}`);
        if (link) found.set(`link ${inner}`, link);
        const note = inner[0] === '^' ? this.keys.get(`footnote ${inner.slice(1)}`) : undefined;
        if (note) found.set(`footnote ${inner.slice(1)}`, note);
      }
      // A label with a bracket in it (escaped) is not what one pair of brackets holds.
      for (const [key, entry] of this.bracketed) {
        if (folded.includes(entry[1])) found.set(key, entry);
      }
    }
    return [...found.values()];
  }

  /** Whether `body` could name a label not in `told`. */
  someUntold(body: string, told: ReadonlySet<string> | undefined): boolean {
    return this.named(body).some(([kind, id]) => !told?.has(`${kind} ${id}`));
  }
}

/** Text folded as micromark folds a label (white space collapsed, case folded), then lower-cased. */
function fold(text: string): string {
  return text
    .replace(/[\t\n\r ]+/gu, ' ')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();
}
