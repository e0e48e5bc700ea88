import type {
  Blockquote,
  Definition,
  FootnoteDefinition,
  Heading,
  ImageReference,
  LinkReference,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableCell,
  TableRow,
  Text,
} from 'mdast';
import type { FrontMatter } from './front-matter.js';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { htmlBlockNames } from 'micromark-util-html-tag-name';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { Point } from 'unist';

/**
 * The plain Markdown most articles are written in — YAML or TOML front matter, ATX headings,
 * paragraphs, footnote references and entries, link reference definitions,
 * links, full and shortcut references, and bare `http(s)://` URLs — parsed in one
 * pass straight into the tree remark-parse with GFM and front matter makes.
 *
 * Taken too, in their plain forms: `*emphasis*`, `**strong**` and `~~strikethrough~~`, code
 * spans, escapes, character references, autolinks, one-line HTML tags and `www.` links inline;
 * setext headings, fenced and indented code, HTML blocks (of raw text, comments, block-level tags, or
 * a whole tag alone), tables, block quotes of any of these blocks (lazy lines aside), and lists
 * (`-`, `*`, `+`, `1.`) of one-paragraph items whose text may go on over lines (indented or
 * lazily), nested at any depth, after a blank line or interrupting a paragraph, as blocks, and which
 * may hold any of these blocks indented to their content (after a blank line, or a quote or a
 * fence right after their text); `_` between
 * two letters or digits (`type_id`), `*` and `_` between spaces (`24 * 60`) and a `~` no other
 * follows in its block (`~30s`) as text; images of plain text (`&`, `!` and URLs in it too);
 * plain quoted titles;
 * emphasis whose text holds links, references, calls and code spans or goes on over lines;
 * links and references whose text holds emphasis, code spans, escapes or URLs (text there).
 * Also code spans over lines, link text over a quote's or an item's lines, destinations with
 * balanced parentheses, HTML comments and e-mail autolinks in text.
 * Anything else (emphasis in emphasis, tabs, e-mail literals, task lists, other titles,
 * references across the lines of a quote, CR line ends…) returns `undefined`, and the caller
 * parses the article with micromark (segments.ts: the segments of it that hold such things). The tree made here
 * must be equal to micromark's, node for node and position for position:
 * tests/fast-parse.test.ts (and tests/deep/) compare the two on every fixture, generated
 * corpora and generated documents.
 */
export function fastParse(text: string): Root | undefined {
  if (/[\0\r]/u.test(text)) return undefined;
  const lines = splitLines(text);
  const front = frontMatter(text, lines);
  if (front === false) return undefined;
  const bodyStart = front ? front.endLine + 1 : 0;

  const blocks = scanBlocks(text, lines, bodyStart);
  if (!blocks) return undefined;
  const context = newContext(
    text,
    lines.map((line) => line.start),
  );
  for (const block of blocks) {
    if (block.kind === 'footnote') context.footnotes.add(identifier(block.label));
    else if (block.kind === 'link') context.links.add(identifier(block.label));
  }

  const children: RootContent[] = front ? [frontMatterNode(context, front)] : [];
  for (const block of blocks) {
    const node = blockNode(context, block);
    if (!node) return undefined;
    children.push(node);
  }
  return {
    type: 'root',
    children,
    position: { start: point(context, 0), end: point(context, text.length) },
  };
}

/**
 * What in a line of the body starts a construct the fast path does not model: a tab. (`*`
 * and `_` are modelled only as the emphasis `emphasisAt` takes; backslash escapes,
 * character references, code spans, autolinks, HTML tags, images and `www.` links only
 * inline, in the plain forms `inline` takes; e-mail literals not at all: see `mailLike`.)
 */
const outsideSubset = /[\t\uFEFF]/u;
/**
 * An `@` between characters an e-mail literal could hold: GFM links `a@b.org` in text (in
 * the source, or spelt `a\@b.org` or `a&#64;b.org`: its pass runs over text nodes' values).
 * A block whose text nodes hold one is left to micromark; an `@` after a space, `/` or
 * backtick (`/@user/`, `@name`) or in code is text.
 */
const mailLike = /[\p{L}\p{N}._+-]@[\p{L}\p{N}_-]/u;

/** A footnote or link label the fast path accepts (micromark allows more; those fall back). */
const footnoteLabel = /^[\p{L}\p{N}.-]{1,100}$/u;
const linkLabel = /^[^\s\\[\]&\p{Cc}]+(?: [^\s\\[\]&\p{Cc}]+)*$/u;
/**
 * The longest link label taken. micromark caps labels at 999 characters and
 * reads a longer `[label]: url` line as a paragraph; labels this long are left
 * to it.
 */
const maxLinkLabel = 100;
/** A definition's destination taken: plain characters, brackets too (`?title=[x]`). */
const linkDestination = /^[\w\-./#=%+~?:&*,;!'$@[\]]+$/u;
/** What would be a character reference in a destination (decoded there): left to micromark. */
const characterReference = /&[#A-Za-z\d]+;/u;
const call = /\[\^([^\]\s[]*)\]/uy;
/**
 * A `www.` link: a dotted domain of letters, digits and `-`, a path of letters, digits and
 * `/-=%+#@&`, with `.`, `?`, `_` and `~` only before one of those (GFM leaves them out at the
 * end), maybe one trailing `.` or `,`.
 */
const wwwUrl =
  /^([Ww]{3}(?:\.[A-Za-z\d](?:[A-Za-z\d-]*[A-Za-z\d])?){2,}(?:\/(?:[A-Za-z\d/\-=%+#@&]|[.?_~](?=[A-Za-z\d/\-=%+#@&]))*)?)[.,]?$/u;
/**
 * An e-mail autolink (CommonMark's): a local part of letters, digits and `.+_-` (others fall
 * back), `@`, and a domain of labels of letters, digits and inner `-`, of up to 63.
 */
const emailAutolink =
  /<([A-Za-z\d.+_-]+@[A-Za-z\d](?:[A-Za-z\d-]{0,61}[A-Za-z\d])?(?:\.[A-Za-z\d](?:[A-Za-z\d-]{0,61}[A-Za-z\d])?)*)>/uy;
/** An autolink: a scheme, `:` and no space, control character, `<` or `>`. */
const autolink = /<([A-Za-z][A-Za-z\d+.-]{1,31}:[^\0-\x20<>\x7F]*)>/uy;
/** An HTML open tag with plain attributes, or a closing tag, on one line. */
const htmlTag =
  /<(?:[A-Za-z][A-Za-z\d-]*(?: +[A-Za-z_:][\w.:-]*(?: *= *(?:"[^"\n]*"|'[^'\n]*'|[^\s"'=<>`]+))?)* *\/?|\/[A-Za-z][A-Za-z\d-]* *)>/uy;
const heading = /^(#{1,6}) +\S/u;
/** What opens an ATX heading (a line that `#` starts otherwise is text: `#1234`, `#rust`). */
const atxOpening = /^#{1,6}(?:[ \t]|$)/u;
const footnoteStart = /^\[\^([^\]\s[]*)\]:/u;
const linkDefinition = /^\[([^\]^[][^\][]*)\]: (\S+)(?: "([^"\\&]*)")?$/u;
/**
 * What a paragraph line may not start with: headings, lists, quotes, setext underlines, HTML,
 * tables, indents. (`-` and `+` before anything else are text, unless the line could underline
 * a heading, break or delimit a table: `--release`, `+1`; so is a number whose `.` or `)` no
 * space follows: `1.22.1 is out`; `#` or `=` that start no heading: `#1234`, `#rust`,
 * `=x`; and `:` before anything but `-`, which could start a delimiter row: `:warning:`.)
 */
const blockStartCharacter =
  /^(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|[>|]|:-|[-+](?:[ \t]|$)|-[-\s]*$|-.*\||\d{1,9}[.)](?:[ \t]|$)| )/u;
/** A line that `*` starts and which is a list item (`*` and a space, a tab or nothing) or a thematic break. */
const starBlock = /^\*(?:[ \t]|$)|^\*[ \t]*\*[ \t]*\*/u;

/**
 * Whether a line may start a block other than a paragraph, or interrupt one: what
 * `blockStartCharacter` names, and a line that `*`, `_`, a backtick, `~` or `[` starts
 * only when it may be a list item or thematic break (`*`, `* * *`, `___`), a fence (three
 * backticks or `~`) or a definition (`[label]:`, or a label not closed on its line). Else
 * it is a paragraph's text: `**Bold**`, `_word_`, `` `code` ``, `~~struck~~`, `[a link](…)`.
 */
function startsBlock(content: string): boolean {
  if (blockStartCharacter.test(content)) return true;
  switch (content[0]) {
    case '*':
      return starBlock.test(content);
    case '_':
      return /^_[ \t]*_[ \t]*_/u.test(content);
    case '`':
      return content.startsWith('```');
    case '~':
      return content.startsWith('~~~');
    case '[':
      return mayBeDefinition(content);
    case '<':
      return mayStartHtml(content);
    default:
      return false;
  }
}

/**
 * Whether a line that `<` starts may start an HTML block: `<!`, `<?`, a tag whose name is
 * one of kinds 1 and 6 (`<script`, `<div`…), or a line that is no plain tag with text
 * after it (kind 7: a whole tag alone on its line). `<a href="…">text</a>`, `<T> is` or
 * `< 3` start a paragraph.
 */
function mayStartHtml(content: string): boolean {
  if (/^<[!?]/u.test(content)) return true;
  const tag = /^<\/?([A-Za-z][A-Za-z\d-]*)/u.exec(content);
  if (!tag) return false;
  // A name that no space, `>` or `/` ends opens no tag (`<https://…>`, `<a@b.org>`: autolinks).
  if (!/^(?:[ \t>/]|$)/u.test(content.slice(tag[0].length))) return false;
  const name = (tag[1] as string).toLowerCase();
  if (rawHtmlNames.includes(name) || htmlBlockNames.includes(name)) return true;
  htmlTag.lastIndex = 0;
  const plain = htmlTag.exec(content);
  return !plain || /^\s*$/u.test(content.slice(plain[0].length));
}

/** The tag names of HTML blocks of kind 1, which run to their closing tag. */
const rawHtmlNames = ['pre', 'script', 'style', 'textarea'];

/**
 * Whether a line that `[` starts may be a link or footnote definition: its label (escapes
 * skipped) is closed by `]:`, or is not closed on the line (a label may go on to the
 * next). `[a link](…) and text`, `[^1] and text` or `` [`[T]::len`](…) `` (a label holds
 * no unescaped `[`) is none.
 */
function mayBeDefinition(content: string): boolean {
  for (let index = 1; index < content.length; index++) {
    const character = content[index];
    if (character === '\\') index++;
    else if (character === '[') return false;
    else if (character === ']') return content[index + 1] === ':';
  }
  return true;
}
/**
 * Plain emphasis or strong emphasis: one or two `*` or `_` opening after the
 * start, a space, an opening mark, `-` or `/` and before a letter or digit; closing,
 * with the same run, after a letter, a digit or `.,;:!?%'"”’)` and before the end, a
 * space or punctuation (`.,;:!?)]”»’"'-[/–—…`: a footnote call, `*re*-compile`); nothing
 * between that could be markup. Such a run can only open (after punctuation a letter
 * follows), its mate closes (after punctuation it could open too, but it meets the opener
 * first; before punctuation a run after a letter cannot open), and nothing else competes
 * for them, so micromark pairs them the same way.
 */
const emphasis =
  /(?<=^|[ \n(“«‘"'[\-/])(\*\*|\*|__|_)([\p{L}\p{N}](?:[^*_[\]\n]*[\p{L}\p{N}.,;:!?%'"”’)])?)\1(?=$|[ \n.,;:!?)\]”»’"'\-[/–—…])/uy;
const markup = /[*_]/u;
/**
 * A run of `_` between two letters or digits (`type_id`, `a__b`): it can neither open nor
 * close emphasis (it is both left- and right-flanking, with no punctuation on either side).
 */
const intraword = /(?<=[\p{L}\p{N}])_+(?=[\p{L}\p{N}])/uy;
const intrawordRuns = /(?<=[\p{L}\p{N}])_+(?=[\p{L}\p{N}])/gu;

/** Whether `text` holds a `*` or an `_` that could open or close emphasis. */
function hasMarkup(text: string): boolean {
  return markup.test(text) && markup.test(text.replace(intrawordRuns, ''));
}
/** Plain strikethrough: one or two `~`, placed as `emphasis` places its marks. */
const strike =
  /(?<=^|[ \n(“«‘"'[])(~~|~)([\p{L}\p{N}](?:[^~*_[\]\n]*[\p{L}\p{N}])?)\1(?=$|[ \n.,;:!?)\]”»’"'])/uy;

export interface Line {
  start: number;
  end: number;
}

/** A list item: its lines and where its content starts. */
interface Item {
  /** From its first line's start to its last line's end (lines that go on with its text). */
  line: Line;
  /** Where its marker starts (after the indentation of a nested item). */
  marker: number;
  content: number;
  /** A list nested in it: items indented to its content, which may hold lists in turn. */
  nested?: { marker: string; start: number | null; items: Item[] };
  /**
   * The blocks after its text that are indented to its content (a quote, paragraphs, code,
   * lists…), and where its last line ends.
   */
  more?: { blocks: Block[]; end: number };
  /** Whether a blank line stands between two of its blocks. */
  spread?: boolean;
}

/** A list item's marker (`-`, `*`, `+`, or a number and `.`) and the one space after it. */
const listMarker = /^(?:([-*+])|(\d{1,9})(\.)) /u;
/**
 * A list item's marker (a number and `.` or `)` too) and the one to four spaces after it
 * that its content starts after (five or more: its content is indented code, left to
 * micromark).
 */
const itemMarker = /^(?:([-*+])|(\d{1,9})([.)])) {1,4}(?! )/u;

export interface Context {
  text: string;
  lineStarts: number[];
  footnotes: Set<string>;
  links: Set<string>;
  /**
   * The last search for a special character: from `from`, found at `at`
   * (`text.length` for none). The search runs over the whole text, past the
   * end of the paragraph or cell asked about; kept, a later search from
   * anywhere in `[from, at]` has the same answer, so the scans of a document
   * add up to its length (a table of 10,000 plain cells scanned its text once
   * per cell: 2.3 s for a 1 MB article).
   */
  special: { from: number; at: number };
  /** The line (from 0) of the last place `point` gave: the next is most often on it or the next. */
  line: number;
  /** Whether the text parsed now is a table cell's. */
  inTable: boolean;
  /**
   * The block (a table's row) whose text is parsed now: a `~` that opens nothing is text
   * when no other is in it (see `inline`).
   */
  scope: { from: number; to: number };
  /** Whether the text parsed now is a link's: GFM links no bare URL in it. */
  inLink: boolean;
  /**
   * Whether a text node of the block made now could hold a literal that GFM's pass over the
   * tree links in its value (see `textNode`): an e-mail address, or a URL that escapes or
   * character references spell (`http\\://a.org`).
   */
  literal: boolean;
  /**
   * For a paragraph whose text holds what `inline` does not model: the array its children go
   * in, which the caller fills later (segments.ts: micromark parses that text alone), or
   * `undefined` (refused). Without it such a paragraph is refused.
   */
  later: ((from: number, to: number) => PhrasingContent[] | undefined) | undefined;
}

/**
 * A context for `text`: no labels defined yet. Every field is there from the start, in one
 * order: fields added as an article needed them (`inTable` for a table, `inLink` for a link)
 * gave contexts of different shapes, and V8 threw away the parser's optimized code (a
 * "wrong map" deoptimization of `fastParse`, `point`, `span`, `textNode`, `paragraph`…)
 * each time an article brought a new one, for the first few hundred articles of a check.
 */
export function newContext(text: string, lineStarts: number[]): Context {
  return {
    text,
    lineStarts,
    footnotes: new Set(),
    links: new Set(),
    special: { from: 0, at: -1 },
    line: 0,
    inTable: false,
    scope: { from: 0, to: 0 },
    inLink: false,
    literal: false,
    later: undefined,
  };
}

export type Block =
  | { kind: 'heading'; line: Line; depth: number }
  | { kind: 'setext'; start: number; end: number; lineEnd: number; depth: 1 | 2 }
  | { kind: 'html'; line: Line; value: string }
  | { kind: 'table'; rows: Line[]; align: Align[] }
  | {
      kind: 'list';
      marker: string;
      start: number | null;
      items: Item[];
      spread: boolean;
      /**
       * In a container, the end of the blank line of its marks after it: micromark's list
       * (and its last nested items) ends there (see `blankAfter`).
       */
      trailing?: number;
    }
  | { kind: 'paragraph'; start: number; end: number }
  | { kind: 'footnote'; line: Line; label: string; content: number }
  | { kind: 'link'; line: Line; label: string; url: string; title: string | null }
  | {
      kind: 'code';
      start: number;
      end: number;
      value: string;
      lang: string | null;
      meta: string | null;
    }
  | { kind: 'quote'; start: number; end: number; blocks: Block[] }
  | { kind: 'indented'; start: number; end: number; value: string }
  | { kind: 'break'; line: Line };

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end === -1) {
      lines.push({ start, end: text.length });
      return lines;
    }
    lines.push({ start, end });
    start = end + 1;
  }
}

/** Front matter fences: YAML and TOML. */
const fences = { '---': 'yaml', '+++': 'toml' } as const;

export interface Front {
  type: 'yaml' | 'toml';
  endLine: number;
}

/**
 * YAML (`---`) or TOML (`+++`) front matter: `undefined` when there is none,
 * `false` when it is not closed (micromark then reads no footnote entry at all)
 * or a fence has anything after it.
 */
export function frontMatter(text: string, lines: Line[]): Front | false | undefined {
  const first = lines[0];
  const fence = first && text.slice(first.start, first.end);
  if (fence !== '---' && fence !== '+++') {
    return fence?.startsWith('---') || fence?.startsWith('+++') ? false : undefined;
  }
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] as Line;
    const content = text.slice(line.start, line.end);
    if (content === fence) return { type: fences[fence], endLine: index };
    // A fence with anything after it: leave it to remark-frontmatter.
    if (content.startsWith(fence)) return false;
  }
  return false;
}

export function frontMatterNode(context: Context, front: Front): FrontMatter {
  const close = context.lineStarts[front.endLine] as number;
  const valueStart = context.lineStarts[1] as number;
  return {
    type: front.type,
    value: front.endLine === 1 ? '' : context.text.slice(valueStart, close - 1),
    position: { start: point(context, 0), end: point(context, close + 3) },
  };
}

/** The blocks of lines `[from, to)`, or `undefined` when a line is outside the subset. */
export function scanBlocks(
  text: string,
  lines: Line[],
  from: number,
  to = lines.length,
): Block[] | undefined {
  const blocks: Block[] = [];
  let previous: 'blank' | 'heading' | 'paragraph' | 'footnote' | 'link' | 'item' | 'html' = 'blank';
  // Whether the last line that was not blank was a list item's (or a nested item's).
  let afterItem = false;
  // Whether the last line that was not blank was indented code's: micromark then takes an
  // ordered item from 2 or more for text, as if it interrupted a paragraph.
  let afterCode = false;
  for (let index = from; index < to; index++) {
    const line = lines[index] as Line;
    const content = text.slice(line.start, line.end);
    if (content === '' || blankOfSpaces.test(content)) {
      previous = 'blank';
      continue;
    }
    const list = blocks[blocks.length - 1];
    if (previous === 'blank' && afterItem && content[0] === ' ' && list?.kind === 'list') {
      // Blocks indented to the last item's content after a blank line are the item's.
      const item = list.items[list.items.length - 1] as Item;
      const more = itemBlocks(text, lines, index, to, item);
      if (!more) return undefined;
      const held = [...(item.more?.blocks ?? []), ...more.blocks];
      item.more = { blocks: held, end: (lines[more.last] as Line).end };
      item.spread = true;
      index = more.last;
      previous = 'item'; // only another item may follow without a blank line
      continue;
    }
    if (
      content.startsWith('    ') &&
      /\S/u.test(content) && // a line of white space is blank
      (previous === 'blank' || previous === 'heading') &&
      !afterItem &&
      blocks[blocks.length - 1]?.kind !== 'footnote'
    ) {
      // Indented code (after a list item or an entry, the line would be theirs), as written.
      const code = indentedCode(text, lines, index, to);
      blocks.push(code.block);
      index = code.last;
      previous = 'heading'; // a paragraph may follow at once
      afterCode = true;
      continue;
    }
    const ordinalAfterCode = afterCode;
    const first = content[0];
    afterCode = false;
    // Tabs and e-mail literals are not modelled; the text of code is exempt.
    if (outsideSubset.test(content)) return undefined;
    if (previous !== 'blank') afterItem = false;
    // An HTML block runs to a blank line: only one-line blocks are taken.
    if (previous === 'html') return undefined;
    // Trailing spaces of a paragraph's line (an item's too): two or more before a line ending
    // make a hard break; the rest are the paragraph's, not its text's (so are a heading's; a
    // closing `#` is left to micromark below), or a table row's; others are left to micromark
    // too. A quote's line is checked as its content is (`quoteAt`).
    if (
      content.endsWith(' ') &&
      !(
        /\S +$/u.test(content) &&
        (paragraphLine(content, previous) ||
          heading.test(content) ||
          previous === 'item' || // an item's next line, its text or a nested item
          listItem(content, line, 0) !== undefined)
      ) &&
      !(first === '<' && mayStartHtml(content)) && // an HTML block's lines are as written
      first !== '>' &&
      first !== '|' // a table's row (its last cell takes them, `cellBounds`) or a paragraph's line
    )
      return undefined;
    // After an item only another item (or one nested in it) or a blank line:
    // anything else would continue the item (lazily) or interrupt the list.
    const item = listItem(content, line, 0);
    const last = blocks[blocks.length - 1];
    if (previous === 'item' && !item && interruptsItem(content)) {
      // A heading, a fence or an HTML block of kinds 1–6 at the margin ends the list (no
      // block after an item is taken as a paragraph's continuation here: see below).
      previous = 'paragraph';
    } else if (
      previous === 'item' &&
      !item &&
      last?.kind === 'list' &&
      interruptsText(text, line, last)
    ) {
      // A quote or fenced code right after an item's text, indented to its content, is the item's.
      const top = last.items[last.items.length - 1] as Item;
      const more = itemBlocks(text, lines, index, to, top);
      if (!more) return undefined;
      top.more = { blocks: more.blocks, end: (lines[more.last] as Line).end };
      top.spread = more.spread;
      index = more.last;
      afterItem = true;
      continue;
    } else if (previous === 'item' && !item) {
      if (last?.kind !== 'list') return undefined;
      if (!nestItem(content, line, last) && !continueItem(content, line, last)) return undefined;
      afterItem = true; // a line of the item
      continue;
    }
    if (item && ordinalAfterCode && item.start !== null && item.start !== 1) return undefined;
    if (item) {
      if (previous === 'item' && last?.kind === 'list' && last.marker === item.marker) {
        last.items.push(item.item);
      } else if (previous === 'item') {
        return undefined; // another marker starts another list: left to micromark
      } else if (previous === 'blank' && last?.kind === 'list' && last.marker === item.marker) {
        // The same marker after a blank line continues the list, loosely; a blank line after
        // an item that holds a nested list (or whose blocks end in a list) is left to
        // micromark (whose list the blank line is then decides which is loose).
        const before = last.items[last.items.length - 1];
        if (!afterItem || before?.nested || before?.more?.blocks.at(-1)?.kind === 'list')
          return undefined;
        last.items.push(item.item);
        last.spread = true;
      } else if (
        previous === 'blank' ||
        previous === 'heading' ||
        // A list interrupts a paragraph; an ordered one only from 1 (else it is the paragraph's text).
        (previous === 'paragraph' && (item.start === null || item.start === 1))
      ) {
        const list = { marker: item.marker, start: item.start, items: [item.item] };
        blocks.push({ kind: 'list', ...list, spread: false });
      } else {
        return undefined;
      }
      previous = 'item';
      afterItem = true;
    } else if (first === '#' && atxOpening.test(content)) {
      const match = heading.exec(content);
      if (!match || /#[ ]*$/u.test(content) || previous === 'footnote') return undefined;
      blocks.push({ kind: 'heading', line, depth: (match[1] as string).length });
      previous = 'heading';
    } else if (
      first === '[' &&
      mayBeDefinition(content) &&
      // A link definition cannot interrupt a paragraph: after one, the line is its text.
      (previous !== 'paragraph' || footnoteStart.test(content))
    ) {
      const footnote = footnoteStart.exec(content);
      if (footnote) {
        const label = footnote[1] as string;
        const rest = content.slice(footnote[0].length);
        if (previous !== 'blank' && previous !== 'footnote') return undefined;
        if (!footnoteLabel.test(label)) return undefined;
        if (rest !== '' && (rest[0] !== ' ' || startsBlock(rest.slice(1)))) return undefined;
        const contentStart = rest === '' ? line.end : line.start + footnote[0].length + 1;
        blocks.push({ kind: 'footnote', line, label, content: contentStart });
        previous = 'footnote';
        continue;
      }
      const link = linkDefinition.exec(content);
      if (!link || (previous !== 'blank' && previous !== 'link' && previous !== 'heading'))
        return undefined;
      const label = link[1] as string;
      const url = link[2] as string;
      if (label.length > maxLinkLabel || !linkLabel.test(label) || !destination(url))
        return undefined;
      blocks.push({ kind: 'link', line, label, url, title: link[3] ?? null });
      previous = 'link';
    } else if ((previous === 'blank' || previous === 'heading') && thematicBreak.test(content)) {
      // After a paragraph, `---` underlines a heading (above) and the rest is left to micromark.
      blocks.push({ kind: 'break', line });
      previous = 'heading'; // a closed block: anything may follow
      afterItem = false;
    } else if (previous === 'paragraph' && /^(?:=+|-+)$/u.test(content)) {
      // A setext underline makes the paragraph above a heading.
      const last = blocks.pop() as { start: number; end: number };
      if (text.charCodeAt(last.end - 1) === 32) return undefined;
      const depth = first === '=' ? 1 : 2;
      blocks.push({ kind: 'setext', start: last.start, end: last.end, lineEnd: line.end, depth });
      previous = 'heading';
    } else if (
      (previous === 'blank' || previous === 'heading' || previous === 'paragraph') &&
      (first === '|' || (!startsBlock(content) && tableHead(text, lines, index, to)))
    ) {
      // A table may interrupt a paragraph (its head is the line before the delimiter row). A
      // delimiter row right after a paragraph's line may make that line the head: left to
      // micromark.
      if (previous === 'paragraph' && first === '|' && delimiterRow(content)) return undefined;
      const table = tableAt(text, lines, index, to);
      if (!table) return undefined;
      blocks.push(table);
      index += table.rows.length - 1;
      previous = 'html'; // a blank line must follow
    } else if (
      first === '>' &&
      // A quote may interrupt a paragraph.
      (previous === 'blank' || previous === 'heading' || previous === 'paragraph')
    ) {
      // After a paragraph (which it interrupts) and after indented code, micromark's list
      // reads the quote's first line as if it interrupted a paragraph: an item there that
      // could not (see `cannotInterrupt`) is text. (Code, HTML and definitions are not held
      // back so.)
      if (
        (ordinalAfterCode || previous === 'paragraph') &&
        cannotInterrupt(content.replace(/^(?: {0,3}>)+ {0,4}/u, ''))
      )
        return undefined;
      const quote = quoteAt(text, lines, index, to);
      if (!quote) return undefined;
      blocks.push(quote.block);
      index = quote.last;
      previous = 'html'; // a blank line must follow (anything else would continue it lazily)
    } else if (
      first === '<' &&
      mayStartHtml(content) &&
      // Kinds 1, 2 and 6 may start after any closed block and interrupt a paragraph or a
      // definition; kind 7 starts only after a closed block.
      (previous === 'blank' ||
        previous === 'heading' ||
        previous === 'paragraph' ||
        previous === 'link')
    ) {
      const interrupting = previous === 'paragraph' || previous === 'link';
      const html = htmlBlock(text, lines, index, to, interrupting);
      if (!html) return undefined;
      blocks.push({ kind: 'html', line: html.line, value: html.value });
      index = html.last;
      // Raw text and comments end at their closing mark; the others at a blank line.
      previous = html.closed ? 'heading' : 'html';
    } else if (
      fenceStart.test(content) &&
      (previous === 'blank' || previous === 'heading' || previous === 'paragraph')
    ) {
      const code = fencedCode(text, lines, index, to);
      if (!code) return undefined;
      blocks.push(code.block);
      index = code.closing;
      previous = 'heading'; // a closed block: anything may follow
    } else if (
      first === ' ' &&
      (previous === 'blank' || previous === 'heading' || previous === 'paragraph') &&
      indentedText(content, previous === 'paragraph')
    ) {
      // A paragraph's line indented: its text starts after the spaces.
      if (previous === 'paragraph') {
        const last = blocks[blocks.length - 1] as { kind: 'paragraph'; end: number };
        last.end = line.end;
      } else {
        const indent = content.length - content.trimStart().length;
        blocks.push({ kind: 'paragraph', start: line.start + indent, end: line.end });
        previous = 'paragraph';
      }
    } else if (startsBlock(content) && !(previous === 'paragraph' && first === '[')) {
      return undefined;
    } else if (previous === 'paragraph') {
      const last = blocks[blocks.length - 1] as { kind: 'paragraph'; end: number };
      last.end = line.end;
    } else {
      if (previous === 'footnote' || previous === 'link') return undefined;
      blocks.push({ kind: 'paragraph', start: line.start, end: line.end });
      previous = 'paragraph';
    }
  }
  for (const block of blocks) {
    const trailing = block.kind === 'list' ? blankAfter(text, lines, block) : undefined;
    if (trailing === false) return undefined;
    if (block.kind === 'list' && trailing !== undefined) block.trailing = trailing;
  }
  return blocks;
}

/**
 * Whether a line that spaces start is a paragraph's text: after a paragraph's line
 * (`continuing`), any indentation (four spaces or more start nothing there) or up to three
 * before what starts no block; else up to three before what starts no block. (Such a line
 * with a `|` could head a table, but every delimiter row after a paragraph's line is refused:
 * it starts a block, or a line that `|` starts there is left to micromark.)
 */
function indentedText(content: string, continuing: boolean): boolean {
  const trimmed = content.trimStart();
  const indent = content.length - trimmed.length;
  // (Text that `>` starts: the text node's value keeps it, `textNode` drops a line's marks.)
  if (continuing && indent >= 4) return trimmed[0] !== '>';
  return indent <= 3 && !startsBlock(trimmed) && !listMarker.test(trimmed);
}

/**
 * An item that cannot interrupt a paragraph: an ordered one not from 1 (an empty one cannot
 * either, but the parser takes no empty item).
 */
function cannotInterrupt(content: string): boolean {
  const item = /^(\d{1,9})[.)](?:[ \t]|$)/u.exec(content);
  return item !== null && Number(item[1]) !== 1;
}

/**
 * Whether a line after a list item's is at the margin and starts a block that ends the
 * list: an ATX heading, a code fence, or an HTML block that may interrupt a paragraph.
 */
function interruptsItem(content: string): boolean {
  if (/^(?:#{1,6} |```|~~~)/u.test(content)) return true;
  const kind = content[0] === '<' ? htmlStart(content) : undefined;
  return kind !== undefined && kind.kind !== 7;
}

/** A line of spaces only: blank. */
const blankOfSpaces = /^ +$/u;

/**
 * A thematic break at the margin: three or more `-`, `*` or `_`, with spaces between (a line
 * ending in spaces is refused before; no item marker takes one: see `listItem`).
 */
const thematicBreak = /^(?:(?:- *){3,}|(?:\* *){3,}|(?:_ *){3,})$/u;

/** An opening code fence, up to three spaces in, and its info string. */
const fenceOpening = /^( {0,3})(`{3,}|~{3,}) *(.*)$/u;
/** An info string taken: words without escapes, references or backticks, one space apart. */
const plainInfo = /^(?:[^\s`\\&]+(?: [^\s`\\&]+)*)?$/u;
/** What starts a fence: up to three spaces, then three backticks or tildes. */
const fenceStart = /^ {0,3}(?:```|~~~)/u;
/** A closing fence: up to three spaces, the fence, spaces. */
const fenceClosing = /^ {0,3}(`{3,}|~{3,}) *$/u;

/**
 * A fenced code block opening on line `index` (up to three spaces in) and closed before
 * `to`, with a plain info string; its closing line. One left open (micromark's runs to the
 * end of its container) is `undefined`.
 */
function fencedCode(
  text: string,
  lines: Line[],
  index: number,
  to: number,
): { block: Block & { kind: 'code' }; closing: number } | undefined {
  const open = lines[index] as Line;
  const match = fenceOpening.exec(text.slice(open.start, open.end));
  // A fence indented by up to three spaces takes as many off each line of its code.
  const indent = match?.[1]?.length ?? 0;
  const fence = match?.[2];
  const info = match?.[3] ?? '';
  if (!fence || !plainInfo.test(info)) return undefined;
  for (let at = index + 1; at < to; at++) {
    const line = lines[at] as Line;
    const close = fenceClosing.exec(text.slice(line.start, line.end))?.[1];
    if (close === undefined || close[0] !== fence[0] || close.length < fence.length) continue;
    const space = info.indexOf(' ');
    const value = at === index + 1 ? '' : linesText(text, lines, index + 1, at - 1);
    // A tab in a line's indentation counts as columns to the next tab stop: left to micromark.
    if (indent > 0 && /^ *\t/mu.test(value)) return undefined;
    const block: Block & { kind: 'code' } = {
      kind: 'code',
      start: open.start + indent,
      end: line.end,
      value: indent === 0 ? value : value.replace(new RegExp(`^ {1,${indent}}`, 'gmu'), ''),
      lang: info === '' ? null : space === -1 ? info : info.slice(0, space),
      meta: space === -1 ? null : info.slice(space + 1),
    };
    return { block, closing: at };
  }
  return undefined;
}

/**
 * A GFM table of plain rows at `index`: the head row, the delimiter row, and the rows
 * after them to a blank line or the end; a row starts and ends with `|` or not (`a | b`),
 * every row has as many cells, and one after the delimiter row that does not start with
 * `|` starts no block (a list, a quote: micromark's table would end there). A row is cut at
 * every `|` but an escaped one (`\\|`, cell text, even inside a code span), backticks or
 * not, then each cell's text parsed. A blank line or the end must follow.
 */
function tableAt(
  text: string,
  lines: Line[],
  index: number,
  to: number,
): { kind: 'table'; rows: Line[]; align: Align[] } | undefined {
  const rows: Line[] = [];
  for (let at = index; at < to; at++) {
    const line = lines[at] as Line;
    const content = text.slice(line.start, line.end);
    if (content === '') break;
    if (outsideSubset.test(content) || content[0] === ' ') return undefined;
    if (at > index + 1 && content[0] !== '|' && startsBlock(content)) return undefined;
    rows.push(line);
  }
  const [head, delimiter] = rows;
  if (!head || !delimiter) return undefined;
  const align = delimiterRow(text.slice(delimiter.start, delimiter.end));
  if (!align) return undefined;
  for (const row of rows) if (cellBounds(text, row).length - 1 !== align.length) return undefined;
  return { kind: 'table', rows, align };
}

type Align = 'left' | 'right' | 'center' | null;

/**
 * Whether line `index` heads a table: it holds a `|` (not escaped) and the next line is a
 * delimiter row.
 */
function tableHead(text: string, lines: Line[], index: number, to: number): boolean {
  const next = lines[index + 1];
  if (index + 1 >= to || !next) return false;
  // A delimiter row starts with `|`, `:` or `-` (or spaces): most lines after text do not.
  const first = text.charCodeAt(next.start);
  if (first !== 124 && first !== 58 && first !== 45 && first !== 32) return false;
  return (
    pipes(text, lines[index] as Line).length > 0 &&
    delimiterRow(text.slice(next.start, next.end)) !== undefined
  );
}

/**
 * The alignment of each cell of a delimiter row (`| :-- | --: |`, `--|:-:`): cells of
 * `-` with a `:` at either end, between spaces, and at least one `|`, not after a list
 * item's marker; else `undefined`.
 */
function delimiterRow(line: string): Align[] | undefined {
  // `- | -` starts a list item, which micromark's document opens before the table sees it.
  if (!line.includes('|') || /^-(?: |$)/u.test(line)) return undefined;
  const content = line.slice(0, withoutTrailingSpaces(line, 0, line.length));
  const inner = content.slice(
    content[0] === '|' ? 1 : 0,
    content.length > 1 && content.endsWith('|') ? -1 : content.length,
  );
  const marks = inner.split('|');
  if (!marks.every((mark) => /^ *:?-+:? *$/u.test(mark))) return undefined;
  return marks.map((mark) => {
    const trimmed = mark.trim();
    const left = trimmed.startsWith(':');
    const right = trimmed.endsWith(':');
    return left && right ? 'center' : left ? 'left' : right ? 'right' : null;
  });
}

/** Where the `|` of a table row are. */
function pipes(text: string, line: Line): number[] {
  const found: number[] = [];
  for (let at = line.start; at < line.end; at++) {
    const code = text.charCodeAt(at);
    // As micromark's table rows: `\\` and `\|` are two characters of text.
    if (code === 92 /* \ */) {
      const next = text.charCodeAt(at + 1);
      if ((next === 92 || next === 124) && at + 1 < line.end) at++;
    } else if (code === 124 /* | */) found.push(at);
  }
  return found;
}

/**
 * The bounds of a row's cells: its `|`, with the place before the row's start where it
 * does not start with one and the row's end where it does not end with one (spaces after
 * a last `|` are no cell: micromark's last cell takes them). Cell `n` is between bounds `n`
 * and `n + 1`.
 */
function cellBounds(text: string, line: Line): number[] {
  const at = pipes(text, line);
  if (at[0] !== line.start) at.unshift(line.start - 1);
  const end = withoutTrailingSpaces(text, line.start, line.end);
  if (at.length < 2 || at[at.length - 1] !== end - 1) at.push(line.end);
  return at;
}

/** Whether a line would be a line of a paragraph (a first line after a blank, or a continuation). */
function paragraphLine(content: string, previous: string): boolean {
  return (
    (previous === 'paragraph' || previous === 'blank' || previous === 'heading') &&
    !startsBlock(content) &&
    !listMarker.test(content)
  );
}

/** A link destination the fast path takes: a URL or path of plain characters, with no character reference. */
function destination(url: string): boolean {
  return linkDestination.test(url) && !characterReference.test(url);
}

/**
 * A block quote on line `index` (its `>` at the start of the line as given): the lines `>`
 * starts, to a blank line or the end, their content (after the `>` and one space) scanned
 * as blocks of their own, quotes in it too. A line without `>` before the blank (a lazy
 * continuation) and a definition inside (its label would be the whole article's) are left
 * to micromark. Its last line.
 */
function quoteAt(
  text: string,
  lines: Line[],
  index: number,
  to: number,
): { block: Block & { kind: 'quote' }; last: number } | undefined {
  const inner: Line[] = [];
  let at = index;
  for (; at < to; at++) {
    const line = lines[at] as Line;
    if (line.start === line.end || blankOfSpaces.test(text.slice(line.start, line.end))) break;
    if (text.charCodeAt(line.start) !== 62 /* > */) return undefined;
    const start = line.start + (text.charCodeAt(line.start + 1) === 32 ? 2 : 1);
    inner.push({ start: Math.min(start, line.end), end: line.end });
  }
  const blocks = scanBlocks(text, inner, 0, inner.length);
  if (!blocks) return undefined;
  if (blocks.some((block) => block.kind === 'footnote' || block.kind === 'link')) return undefined;
  const last = lines[at - 1] as Line;
  return {
    block: { kind: 'quote', start: (lines[index] as Line).start, end: last.end, blocks },
    last: at - 1,
  };
}

/**
 * The end of the blank line after a list when a container's marks stand on it (`>`): where
 * micromark ends the list (and its last items) then; `undefined` when none follows it or
 * the line is empty. `false` for two or more such lines (micromark then makes the list
 * loose), before a quote or another list (it ends the list on that line), or after an item
 * whose blocks end in a list: left to micromark.
 */
function blankAfter(
  text: string,
  lines: Line[],
  list: { items: Item[] },
): number | false | undefined {
  const last = list.items[list.items.length - 1] as Item;
  let item = last;
  while (item.nested) item = item.nested.items[item.nested.items.length - 1] as Item;
  let at = lineEndingAt(lines, last.more ? last.more.end : item.line.end) + 1;
  const next = lines[at];
  if (at === 0 || !next || next.start === 0 || text.charCodeAt(next.start - 1) === 10)
    return undefined; // no line after, or an empty one (no container's mark on it)
  if (last.more?.blocks.at(-1)?.kind === 'list') return false;
  let end: number | undefined;
  while (at < lines.length) {
    const line = lines[at++] as Line;
    const content = text.slice(line.start, line.end);
    // Before a quote or another list, micromark ends the list after that line's `>`.
    if (content !== '' && !blankOfSpaces.test(content))
      return end !== undefined && /^(?:>|[-*+](?: |$)|\d{1,9}[.)](?: |$))/u.test(content)
        ? false
        : end;
    if (end !== undefined) return false;
    end = line.end;
  }
  return end;
}

/** The index of the line of `lines` (in order) that ends at `end`, or -1. */
function lineEndingAt(lines: Line[], end: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = (lines[middle] as Line).end;
    if (at === end) return middle;
    if (at < end) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * The text of lines `first` to `last` as a block's value: each line's content (a
 * container's marks and indentation left out), joined by line endings.
 */
function linesText(text: string, lines: Line[], first: number, last: number): string {
  let contiguous = true;
  for (let at = first; at < last && contiguous; at++)
    contiguous = (lines[at + 1] as Line).start === (lines[at] as Line).end + 1;
  if (contiguous) return text.slice((lines[first] as Line).start, (lines[last] as Line).end);
  const parts: string[] = [];
  for (let at = first; at <= last; at++) {
    const line = lines[at] as Line;
    parts.push(text.slice(line.start, line.end));
  }
  return parts.join('\n');
}

/**
 * Indented code from line `index`: to the last line indented four spaces (of text or of
 * spaces only) before a line of less indentation that is not blank, or the end; blank
 * lines between are the code's. Its text is each line less four spaces (a blank line less
 * as many as it has), less the last line ending (as mdast-util-from-markdown removes it:
 * a last line of four spaces adds nothing, of five a space).
 */
function indentedCode(
  text: string,
  lines: Line[],
  index: number,
  to: number,
): { block: Block; last: number } {
  let last = index;
  for (let at = index; at < to; at++) {
    const line = lines[at] as Line;
    const each = text.slice(line.start, line.end);
    if (each.startsWith('    ')) last = at;
    else if (each !== '' && !blankOfSpaces.test(each)) break;
  }
  const value: string[] = [];
  for (let at = index; at <= last; at++) {
    const line = lines[at] as Line;
    value.push(text.slice(line.start + 4, line.end)); // '' for a shorter blank line
  }
  const code = value.join('\n');
  const start = (lines[index] as Line).start;
  const end = (lines[last] as Line).end;
  return {
    block: { kind: 'indented', start, end, value: code.endsWith('\n') ? code.slice(0, -1) : code },
    last,
  };
}

/**
 * The kind of HTML block a line starts, of those taken (see `htmlBlock`): for kinds 1
 * and 2, what closes it and where on the first line the search for that starts.
 */
function htmlStart(
  content: string,
): { kind: 1 | 2 | 6 | 7; end?: RegExp; from: number } | undefined {
  if (content.startsWith('<!--'))
    return /^<!---?>/u.test(content) ? undefined : { kind: 2, end: /-->/u, from: 4 };
  const tag = /^<(\/?)([A-Za-z][A-Za-z\d-]*)(?=[ >]|\/>|$)/u.exec(content);
  const name = tag?.[2]?.toLowerCase() ?? '';
  if (tag && tag[1] === '' && rawHtmlNames.includes(name) && content[tag[0].length] !== '/')
    return { kind: 1, end: /<\/(?:pre|script|style|textarea)>/iu, from: tag[0].length };
  if (tag && htmlBlockNames.includes(name)) return { kind: 6, from: 0 };
  // Kind 7: a whole open or closing tag and nothing but spaces after it.
  htmlTag.lastIndex = 0;
  const whole = htmlTag.exec(content);
  if (!whole || !/^ *$/u.test(content.slice(whole[0].length))) return undefined;
  return { kind: 7, from: 0 };
}

/**
 * An HTML block at the margin on line `index`, of the kinds taken: raw text (kind 1:
 * `<pre`, `<script`, `<style`, `<textarea`, to the line with a closing tag of any of
 * the four), a comment (kind 2, to the line that closes it), a block-level tag (kind 6:
 * `<div …>`, `</table>`), or a whole other tag alone on its line (kind 7: `<img …>`,
 * `<br>`; one that cannot interrupt a paragraph) — the last two to the line before a
 * blank one or the end. Its lines are taken as written, and its last line; `closed`:
 * it ended at its closing mark, so anything may follow. `<?`, `<!X`, `<![CDATA[` and a
 * block left open to the end are left to micromark.
 */
function htmlBlock(
  text: string,
  lines: Line[],
  index: number,
  to: number,
  interrupting: boolean,
): { line: Line; last: number; closed: boolean; value: string } | undefined {
  const first = lines[index] as Line;
  const start = htmlStart(text.slice(first.start, first.end));
  if (!start || (interrupting && start.kind === 7)) return undefined;
  const { end, from } = start;
  for (let at = index; at < to; at++) {
    const line = lines[at] as Line;
    const each = text.slice(line.start, line.end);
    if (end ? end.test(at === index ? each.slice(from) : each) : each === '') {
      const last = end ? at : at - 1;
      const value = linesText(text, lines, index, last);
      return {
        line: { start: first.start, end: (lines[last] as Line).end },
        last,
        closed: !!end,
        value,
      };
    }
    // A line of white space also ends a block of kind 6 or 7: left to micromark.
    if (!end && /^[ \t]+$/u.test(each)) return undefined;
  }
  if (end) return undefined; // open to the end of the document
  return {
    line: { start: first.start, end: (lines[to - 1] as Line).end },
    last: to - 1,
    closed: false,
    value: linesText(text, lines, index, to - 1),
  };
}

/**
 * A line that is a list item with plain one-line content: `- `, `* `, `+ ` or
 * `N. ` and text that starts no block of its own (no heading, quote, nested list,
 * thematic break, code, task box or bracket). `marker` tells lists apart (`-`,
 * `*`, `+`, or `.` for ordered): another bullet starts another list.
 */
function listItem(
  content: string,
  line: Line,
  indent: number,
): { marker: string; start: number | null; item: Item } | undefined {
  const match = itemMarker.exec(content.slice(indent));
  if (!match) return undefined;
  const rest = content.slice(indent + match[0].length);
  // `[ ]`, `[x]`, `[X]` first make a task list item (GFM): left to micromark.
  if (rest === '' || startsBlock(rest) || /^\[[ \txX]\]/u.test(rest)) return undefined;
  const number = match[2];
  const marker = line.start + indent;
  return {
    marker: match[1] ?? (match[3] as string),
    start: number === undefined ? null : Number(number),
    item: { line, marker, content: marker + match[0].length },
  };
}

/**
 * The blocks an item holds after a blank line, from line `index`: the lines indented to its
 * content and the empty lines between them, their content scanned as blocks of their own.
 * Its last line (one not blank). A line of spaces, a definition (its label would be the
 * whole article's) or nothing that scans is left to micromark.
 */
function itemBlocks(
  text: string,
  lines: Line[],
  index: number,
  to: number,
  item: Item,
): { blocks: Block[]; last: number; spread: boolean } | undefined {
  const column = item.content - item.line.start;
  const inner: Line[] = [];
  let last = -1;
  for (let at = index; at < to; at++) {
    const line = lines[at] as Line;
    const content = text.slice(line.start, line.end);
    if (content === '') {
      inner.push({ start: line.end, end: line.end });
      continue;
    }
    if (content.length - content.trimStart().length < column) break;
    if (/^ *$/u.test(content)) return undefined;
    inner.push({ start: line.start + column, end: line.end });
    last = at;
  }
  if (last < index) return undefined; // less indented: the list ends (left to micromark)
  // A line indented to a nested item's content is that item's; one that starts an item
  // would continue the nested list, loosely: both left to micromark.
  const first = inner[0] as Line;
  // In a container (a blank line of `>`), micromark ends a nested list on the next line.
  const blank = lines[index - 1] as Line;
  if (
    item.nested &&
    (text.charCodeAt(first.start) === 32 ||
      startsItem(text.slice(first.start, first.end)) ||
      (blank.start > 0 && text.charCodeAt(blank.start - 1) !== 10))
  )
    return undefined;
  const blocks = scanBlocks(text, inner, 0, last - index + 1);
  if (!blocks) return undefined;
  if (blocks.some((block) => block.kind === 'footnote' || block.kind === 'link')) return undefined;
  // Spread: an empty line between two of its blocks (not one inside a block, as in code).
  const spans = blocks.map(blockSpan);
  const spread = inner.some(
    (line, at) =>
      at <= last - index &&
      line.start === line.end &&
      !spans.some(([start, end]) => line.start > start && line.start < end),
  );
  return { blocks, last, spread };
}

/** Where a block starts and ends. */
function blockSpan(block: Block): [number, number] {
  switch (block.kind) {
    case 'heading':
    case 'html':
    case 'footnote':
    case 'link':
    case 'break':
      return [block.line.start, block.line.end];
    case 'setext':
      return [block.start, block.lineEnd];
    case 'table':
      return [(block.rows[0] as Line).start, (block.rows[block.rows.length - 1] as Line).end];
    case 'list': {
      const last = block.items[block.items.length - 1] as Item;
      return [(block.items[0] as Item).marker, last.more ? last.more.end : itemEnd(last)];
    }
    default:
      return [block.start, block.end];
  }
}

/**
 * Whether a line right after a list item's text is indented to the content of the last
 * item of the list (one with no nested list) and starts a quote or a fence
 * there: a block of the item that interrupts its text.
 */
function interruptsText(text: string, line: Line, list: { items: Item[] }): boolean {
  const item = list.items[list.items.length - 1] as Item;
  if (item.nested) return false;
  const start = line.start + item.content - item.line.start;
  if (start > line.end || text.slice(line.start, start).trim() !== '') return false;
  const rest = text.slice(start, line.end);
  return rest.startsWith('>') || fenceStart.test(rest);
}

/** Whether a line at the margin starts a list item (or could, with what follows its marker). */
function startsItem(content: string): boolean {
  return /^(?:[-*+]|\d{1,9}[.)])(?: |$)/u.test(content);
}

/**
 * A line that is an item of a list nested in the list's last item (or in its last nested
 * item, at any depth): indented to that item's content or up to three spaces beyond, of
 * one line, with the marker of the nested list it continues. `false` for anything else.
 */
function nestItem(content: string, line: Line, list: { items: Item[] }): boolean {
  const indent = content.length - content.trimStart().length;
  let parent = list.items[list.items.length - 1] as Item;
  if (indent < parent.content - parent.line.start) return false;
  // The deepest of the last items whose content the line is indented to (or up to three
  // spaces beyond: more would make it the item's text).
  for (;;) {
    const deeper = parent.nested?.items[parent.nested.items.length - 1];
    if (!deeper || indent < deeper.content - deeper.line.start) break;
    parent = deeper;
  }
  if (indent > parent.content - parent.line.start + 3) return false;
  const item = listItem(content, line, indent);
  if (!item) return false;
  if (!parent.nested) {
    // The first item interrupts the parent's paragraph: an ordered one only from 1
    // (`2. b` under `- a` is the paragraph's text).
    if (item.start !== null && item.start !== 1) return false;
    parent.nested = { marker: item.marker, start: item.start, items: [item.item] };
    return true;
  }
  if (parent.nested.marker !== item.marker) return false;
  parent.nested.items.push(item.item);
  return true;
}

/**
 * A line that goes on with the paragraph of the list's last item (of the list nested
 * in it, if any), indented or lazily: text that starts no block, whatever its
 * indentation (a paragraph's continuation cannot start indented code). The item
 * then ends with the line.
 */
function continueItem(content: string, line: Line, list: { items: Item[] }): boolean {
  const trimmed = content.trimStart();
  // A link definition cannot interrupt the item's paragraph: a line that `[` starts is its
  // text (a footnote definition's can, and is left to micromark).
  const text = trimmed[0] === '[' && !footnoteStart.test(trimmed);
  if ((!text && startsBlock(trimmed)) || listMarker.test(trimmed)) return false;
  const parent = list.items[list.items.length - 1] as Item;
  if (parent.more) return false; // a lazy line of what the item holds last: left to micromark
  let item = parent;
  while (item.nested) item = item.nested.items[item.nested.items.length - 1] as Item;
  item.line = { start: item.line.start, end: line.end };
  return true;
}

export function blockNode(context: Context, block: Block): RootContent | undefined {
  context.literal = false;
  const node = nodeOf(context, block);
  return context.literal ? undefined : node;
}

function nodeOf(context: Context, block: Block): RootContent | undefined {
  switch (block.kind) {
    case 'heading': {
      // Spaces after the heading's text are the heading's, not its text's.
      const { end } = block.line;
      context.scope = { from: block.line.start, to: end };
      let from = block.line.start + block.depth + 1;
      while (context.text.charCodeAt(from) === 32) from++;
      const children = inline(context, from, withoutTrailingSpaces(context.text, from, end));
      if (!children) return undefined;
      const node: Heading = {
        type: 'heading',
        depth: block.depth as Heading['depth'],
        children,
        position: span(context, block.line.start, block.line.end),
      };
      return node;
    }
    case 'setext': {
      context.scope = { from: block.start, to: block.end };
      const children = inline(context, block.start, block.end);
      if (!children) return undefined;
      const node: Heading = {
        type: 'heading',
        depth: block.depth,
        children,
        position: span(context, block.start, block.lineEnd),
      };
      return node;
    }
    case 'html':
      return {
        type: 'html',
        value: block.value,
        position: span(context, block.line.start, block.line.end),
      };
    case 'table':
      return tableNode(context, block);
    case 'code':
      return {
        type: 'code',
        lang: block.lang,
        meta: block.meta,
        value: block.value,
        position: span(context, block.start, block.end),
      };
    case 'paragraph':
      return paragraph(context, block.start, block.end);
    case 'indented':
      return {
        type: 'code',
        lang: null,
        meta: null,
        value: block.value,
        position: span(context, block.start, block.end),
      };
    case 'quote': {
      const children: Blockquote['children'] = [];
      for (const each of block.blocks) {
        const child = nodeOf(context, each);
        if (!child) return undefined;
        children.push(child as Blockquote['children'][number]);
      }
      return { type: 'blockquote', children, position: span(context, block.start, block.end) };
    }
    case 'list':
      return listNode(context, block, block.spread, block.trailing);
    case 'break':
      return { type: 'thematicBreak', position: span(context, block.line.start, block.line.end) };
    case 'footnote': {
      const children: Paragraph[] = [];
      if (block.content < block.line.end) {
        const content = paragraph(context, block.content, block.line.end);
        if (!content) return undefined;
        children.push(content);
      }
      const node: FootnoteDefinition = {
        type: 'footnoteDefinition',
        identifier: identifier(block.label),
        label: block.label,
        children,
        position: span(context, block.line.start, block.line.end),
      };
      return node;
    }
    case 'link': {
      const node: Definition = {
        type: 'definition',
        identifier: identifier(block.label),
        label: block.label,
        title: block.title,
        url: block.url,
        position: span(context, block.line.start, block.line.end),
      };
      return node;
    }
  }
}

/**
 * A table's tree: each cell from its `|` to the next (the last to the row's
 * end), its text inside trimmed of spaces; no row for the alignment row.
 */
function tableNode(context: Context, table: { rows: Line[]; align: Align[] }): Table | undefined {
  const rows: TableRow[] = [];
  for (const [index, line] of table.rows.entries()) {
    if (index === 1) continue;
    const at = cellBounds(context.text, line);
    const cells: TableCell[] = [];
    for (let cell = 0; cell + 1 < at.length; cell++) {
      const open = at[cell] as number;
      const close = at[cell + 1] as number;
      let start = open + 1;
      let end = close;
      while (start < end && context.text.charCodeAt(start) === 32) start++;
      while (end > start && context.text.charCodeAt(end - 1) === 32) end--;
      context.inTable = true;
      context.scope = { from: line.start, to: line.end };
      const children = start < end ? inline(context, start, end) : [];
      context.inTable = false;
      if (!children) return undefined;
      const cellEnd = cell + 2 === at.length ? line.end : close;
      const cellStart = Math.max(open, line.start);
      cells.push({ type: 'tableCell', children, position: span(context, cellStart, cellEnd) });
    }
    rows.push({ type: 'tableRow', children: cells, position: span(context, line.start, line.end) });
  }
  const last = table.rows[table.rows.length - 1] as Line;
  return {
    type: 'table',
    align: table.align,
    children: rows,
    position: span(context, (table.rows[0] as Line).start, last.end),
  };
}

/**
 * A list of one-line items, each maybe holding a nested list of the same kind; `trailing`:
 * where it ends instead of at its last item (see `blankAfter`), with that item's nested list.
 */
function listNode(
  context: Context,
  list: { start: number | null; items: Item[] },
  spread: boolean,
  trailing?: number,
): List | undefined {
  const items: ListItem[] = [];
  let end = 0;
  for (const [index, item] of list.items.entries()) {
    const content = paragraph(context, item.content, item.line.end);
    if (!content) return undefined;
    const children: ListItem['children'] = [content];
    end = item.line.end;
    if (item.nested) {
      const last = index === list.items.length - 1 ? trailing : undefined;
      const nested = listNode(context, item.nested, false, last);
      if (!nested) return undefined;
      children.push(nested);
      end = last ?? itemEnd(item.nested.items[item.nested.items.length - 1] as Item);
    }
    for (const block of item.more?.blocks ?? []) {
      const child = nodeOf(context, block);
      if (!child) return undefined;
      children.push(child as ListItem['children'][number]);
    }
    if (item.more) end = item.more.end;
    items.push({
      type: 'listItem',
      spread: item.spread === true,
      checked: null,
      children,
      position: span(context, item.marker, end),
    });
  }
  const first = list.items[0] as Item;
  return {
    type: 'list',
    ordered: list.start !== null,
    start: list.start,
    spread,
    children: items,
    position: span(context, first.marker, trailing ?? end),
  };
}

/** Where an item's last line ends: its own, or its last nested item's, at any depth. */
function itemEnd(item: Item): number {
  let last = item;
  while (last.nested) last = last.nested.items[last.nested.items.length - 1] as Item;
  return last.line.end;
}

function paragraph(context: Context, start: number, end: number): Paragraph | undefined {
  // Spaces after the paragraph's last character are the paragraph's, not its text's (two
  // or more make a hard break only before a line ending).
  const literal = context.literal;
  context.scope = { from: start, to: end };
  let children = inline(context, start, withoutTrailingSpaces(context.text, start, end));
  if (!children && context.later) {
    // Left to micromark: what `inline` made of it before refusing is not the paragraph's.
    context.literal = literal;
    children = context.later(start, end);
  }
  if (!children) return undefined;
  return { type: 'paragraph', children, position: span(context, start, end) };
}

/**
 * What starts at one place of a paragraph: a node that ends at `end`, or
 * (no node) text up to `end`; `bracketUntil`: a bracket that is text is open
 * until there. `undefined`: something the fast path does not model.
 */
type Step = { node?: PhrasingContent; end: number; bracketUntil?: number } | undefined;

/**
 * The phrasing content of `text[from, to)`: text, footnote references (to
 * defined entries; an undefined `[^x]` stays text, as in micromark), links,
 * link references to defined labels, plain emphasis and bare URLs.
 * `undefined` when anything else.
 */
/** Where something can start in a paragraph's text: `inline` looks only there. */
const special = /[\\[*_~<`@]|!\[| {2}|https?:\/\/|www\./giu;
/** What GFM could link as a bare URL or an e-mail address. */
const bareLinkOrAddress = /https?:\/\/|www\.|@/iu;

/** Where the next match of `special` at or after `index` starts (`text.length` for none). */
function nextSpecial(context: Context, index: number): number {
  const memo = context.special;
  if (index >= memo.from && index <= memo.at) return memo.at;
  special.lastIndex = index;
  const found = special.exec(context.text);
  memo.from = index;
  memo.at = found ? found.index : context.text.length;
  return memo.at;
}

/** Where the text of `[start, end)` ends without the spaces at its end. */
function withoutTrailingSpaces(text: string, start: number, end: number): number {
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  return end;
}

function inline(context: Context, from: number, to: number): PhrasingContent[] | undefined {
  const { text } = context;
  const nodes: PhrasingContent[] = [];
  let textStart = from;
  let index = from;
  // micromark does not link a bare URL while a bracket is open before it.
  let bracketUntil = -1;
  while (index < to) {
    // Jump to the next character that can start something: the rest is text.
    const found = nextSpecial(context, index);
    if (found >= to) break;
    index = found;
    const code = text.charCodeAt(index);
    let step: Step;
    if (code === 92 /* \\ */) {
      const next = text.charCodeAt(index + 1);
      if (index + 1 < to && next === 10) {
        // A backslash at the end of a line: a hard break.
        if (index > textStart) nodes.push(textNode(context, textStart, index));
        nodes.push({ type: 'break', position: span(context, index, index + 2) });
        index = afterIndent(text, index + 2);
        textStart = index;
        continue;
      }
      // An escaped mark is text: step over it (textNode decodes it).
      index += index + 1 < to && asciiPunctuation(next) ? 2 : 1;
      continue;
    }
    if (code === 32 && text.charCodeAt(index + 1) === 32) {
      let run = index + 2;
      while (run < to && text.charCodeAt(run) === 32) run++;
      if (run >= to) return undefined; // spaces at the end: micromark trims them
      if (text.charCodeAt(run) === 10) {
        // Two or more spaces at the end of a line: a hard break.
        if (index > textStart) nodes.push(textNode(context, textStart, index));
        nodes.push({ type: 'break', position: span(context, index, run + 1) });
        textStart = afterIndent(text, run + 1);
      }
      index = run;
      continue;
    }
    if (code === 91 /* [ */) step = bracketAt(context, index, to);
    else if (code === 33 /* ! (before `[`) */) step = imageAt(context, index, to);
    else if (code === 95 /* _ */ && intrawordAt(text, index)) {
      index = intraword.lastIndex; // text
      continue;
    } else if (code === 42 || code === 95 /* * _ */) {
      step =
        emphasisAt(context, index, to) ??
        unflankedRun(text, index, code) ??
        loneRun(context, index, code);
      // Nor one in emphasis (`[a **(https://…)** b]`).
      if (step && index < bracketUntil && bareLinkOrAddress.test(text.slice(index, step.end)))
        return undefined;
    } else if (code === 126 /* ~ */)
      step = strikeAt(context, index, to) ?? loneTildes(context, index);
    else if (context.inLink && (code === 104 || code === 72 || code === 119 || code === 87)) {
      index++; // a URL in a link's text is text
      continue;
    } else if (code === 104 || code === 72 /* h H */) {
      step = bareUrlAt(context, index, to);
      if (step?.node && index < bracketUntil) return undefined;
    } else if (code === 119 || code === 87 /* w W */) {
      step = wwwAt(context, index, to);
      if (step?.node && index < bracketUntil) return undefined;
    } else if (code === 64 /* @ */) {
      if (context.inLink) {
        index++; // an address in a link's text is text
        continue;
      }
      const start = localPart(text, textStart, index);
      step = start === index ? { end: index + 1 } : emailAt(context, start, index, to);
      if (step?.node) {
        if (index < bracketUntil) return undefined;
        if (start > textStart) nodes.push(textNode(context, textStart, start));
        nodes.push(step.node);
        textStart = step.end;
        index = step.end;
        continue;
      }
    } else if (code === 60 /* < */) step = angleAt(context, index, to);
    else if (code === 96 /* ` */) step = codeAt(context, index, to);
    else {
      index++;
      continue;
    }
    if (!step) return undefined;
    if (step.bracketUntil !== undefined) bracketUntil = step.bracketUntil;
    if (step.node) {
      if (index > textStart) nodes.push(textNode(context, textStart, index));
      nodes.push(step.node);
      textStart = step.end;
    }
    index = step.end;
  }
  if (to > textStart) nodes.push(textNode(context, textStart, to));
  return nodes;
}

/** Whether a run of `_` between two letters or digits starts at `index` (then `intraword.lastIndex` ends it). */
function intrawordAt(text: string, index: number): boolean {
  intraword.lastIndex = index;
  return intraword.test(text);
}

/**
 * Where a line's text starts after its indentation and its block quotes' `>` (the text
 * after a hard break starts there).
 */
function afterIndent(text: string, index: number): number {
  let at = index;
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 62) at++;
  return at;
}

/**
 * At `![`: an image of plain alternative text (no markup, bracket, escape, code or line
 * break; character references decoded, URLs as written: GFM links none inside a bracket)
 * and a plain destination; anything else falls back.
 */
function imageAt(context: Context, index: number, to: number): Step {
  const { text } = context;
  const close = closingBracket(text, index + 2, to);
  if (close === undefined) return undefined;
  const written = text.slice(index + 2, close);
  // Markup in its text is left to micromark, but for a `*` or `_` run alone in its block.
  if (/[\\<`~\n]/u.test(written) || (hasMarkup(written) && !loneMarks(context, written, index + 2)))
    return undefined;
  const alt = written.includes('&') ? decode(written) : written;
  if (text.charCodeAt(close + 1) !== 40 /* ( */) return imageReferenceAt(context, index, close, to);
  const found = resource(text, close + 2, to);
  if (!found) return undefined;
  const { url, title, end } = found;
  return {
    node: { type: 'image', title, url, alt, position: span(context, index, end + 1) },
    end: end + 1,
  };
}

/**
 * After the plain alternative text of `![…]` (closed at `close`): a full, collapsed or
 * shortcut reference to a defined label (`![A graph][dag]`, `![dag][]`, `![dag]`); anything
 * else falls back.
 */
function imageReferenceAt(context: Context, index: number, close: number, to: number): Step {
  const { text } = context;
  const alt = text.slice(index + 2, close);
  if (alt.includes('&')) return undefined;
  let label = alt;
  let end = close + 1;
  let referenceType: ImageReference['referenceType'] = 'shortcut';
  if (text.charCodeAt(close + 1) === 91 /* [ */) {
    const labelClose =
      text.charCodeAt(close + 2) === 93 /* ] */ ? close + 2 : closingBracket(text, close + 2, to);
    if (labelClose === undefined || labelClose >= to) return undefined;
    referenceType = labelClose === close + 2 ? 'collapsed' : 'full';
    if (referenceType === 'full') label = text.slice(close + 2, labelClose);
    end = labelClose + 1;
  }
  if (!context.links.has(identifier(label))) return undefined;
  const node: ImageReference = {
    type: 'imageReference',
    alt,
    label,
    identifier: identifier(label),
    referenceType,
    position: span(context, index, end),
  };
  return { node, end };
}

/** A title the fast path takes: plain text in double or single quotes (no escape, reference or line break). */
const plainTitle = /^(?:"[^"\\&\n]+"|'[^'\\&\n]+')$/u;

/**
 * The characters of a link's or image's destination the fast path takes (`resource`): any
 * but white space, control characters, `<`, `>`, a backslash and a backtick, parentheses
 * only balanced (micromark's limit on their depth is 32).
 */
const resourceDestination = /^[^\s<>\\`\p{Cc}]*$/u;

/**
 * The resource of a link or image from just after its `(`: a destination of the characters
 * `resourceDestination` allows, maybe empty (`[a]()`), with no character reference, maybe
 * one space and a plain title, then `)` (`end`, its place); anything else is left to
 * micromark.
 */
function resource(
  text: string,
  from: number,
  to: number,
): { url: string; title: string | null; end: number } | undefined {
  let depth = 0;
  let at = from;
  for (; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code === 40 /* ( */ && ++depth > 32) return undefined;
    if (code === 41 /* ) */ && depth-- === 0) break;
    if (code === 32 || code === 10) break;
  }
  if (at >= to) return undefined;
  const url = text.slice(from, at);
  if (!resourceDestination.test(url) || characterReference.test(url)) return undefined;
  if (text.charCodeAt(at) === 41) return { url, title: null, end: at };
  if (depth !== 0 || text.charCodeAt(at) !== 32 || url === '') return undefined;
  const end = text.indexOf(')', at);
  if (end === -1 || end >= to) return undefined;
  const title = text.slice(at + 1, end);
  return plainTitle.test(title) ? { url, title: title.slice(1, -1), end } : undefined;
}

/** At `[`: a footnote call, a link, a full or shortcut reference, or a bracket that is text. */
function bracketAt(context: Context, index: number, to: number): Step {
  const { text } = context;
  if (text.charCodeAt(index + 1) === 94 /* ^ */) return footnoteCallAt(context, index, to);
  const close = closingBracket(text, index + 1, to, true, true);
  if (close === undefined) return undefined;
  const inner = text.slice(index + 1, close);
  // What GFM would link in it (`http://`, `https://`, `www.`, any case): left to micromark.
  const plainInner =
    !/https?:\/\/|www\./iu.test(inner) &&
    !hasMarkup(inner) &&
    !/[\\&<`~]/u.test(inner) &&
    !inner.includes('\n');
  const children = (): [Text] => [textNode(context, index + 1, close)];
  const next = text.charCodeAt(close + 1);
  // Only a link's text may go on to a line that a list item's indentation or a quote's `>`
  // starts, or after a space (a label's text is what is written: the marks would be in it).
  if (next !== 40 /* ( */ && /\n[ >]| \n/u.test(inner)) return undefined;
  if (next === 40 /* ( */) {
    // `[text](url)` or `[text](url "title")`, plain; anything else falls back.
    const found = resource(text, close + 2, to);
    if (!found) return undefined;
    const { url, title, end } = found;
    const linkChildren = plainInner ? children() : linkText(context, index + 1, close);
    if (!linkChildren) return undefined;
    const position = span(context, index, end + 1);
    return {
      node: { type: 'link', title, url, children: linkChildren, position },
      end: end + 1,
    };
  }
  if (next === 91 /* [ */ && text.charCodeAt(close + 2) === 93 /* ] */) {
    // `[text][]`: a collapsed reference when the text is a defined label; anything else falls back.
    if (!context.links.has(identifier(inner))) return undefined;
    const collapsedChildren = plainInner ? children() : linkText(context, index + 1, close);
    if (!collapsedChildren || close + 3 > to) return undefined;
    return {
      node: reference(context, inner, 'collapsed', collapsedChildren, index, close + 3),
      end: close + 3,
    };
  }
  if (next === 91 /* [ */) {
    // `[text][label]`: a full reference when the label is defined; anything else falls back.
    const labelClose = closingBracket(text, close + 2, to);
    if (labelClose === undefined) return undefined;
    const label = text.slice(close + 2, labelClose);
    if (!context.links.has(identifier(label))) return undefined;
    const referenceChildren = plainInner ? children() : linkText(context, index + 1, close);
    if (!referenceChildren) return undefined;
    return {
      node: reference(context, label, 'full', referenceChildren, index, labelClose + 1),
      end: labelClose + 1,
    };
  }
  if (context.links.has(identifier(inner))) {
    // Its text may hold code spans (`` [`TokenStream`] ``).
    const shortcutChildren = plainInner ? children() : linkText(context, index + 1, close);
    if (!shortcutChildren) return undefined;
    return {
      node: reference(context, inner, 'shortcut', shortcutChildren, index, close + 1),
      end: close + 1,
    };
  }
  // Not a reference: the bracket is text, and what it holds is parsed as usual.
  return { end: index + 1, bracketUntil: close };
}

/**
 * The children of a link's (or a reference's) text that holds more than plain text: code
 * spans, emphasis, escapes, character references, URLs (text here: GFM links none inside
 * a link), parsed as a paragraph's, the text between the brackets alone. `closingBracket`
 * has refused a `[` or `<` inside and skipped code spans (they outrank links), so the text
 * ends where micromark's does, and no link, image or call can be in it.
 */
function linkText(context: Context, from: number, to: number): PhrasingContent[] | undefined {
  context.inLink = true;
  const nodes = inline(context, from, to);
  context.inLink = false;
  return nodes;
}

/** At `[^`: a reference to a defined entry, or text (micromark leaves an undefined call as text). */
function footnoteCallAt(context: Context, index: number, to: number): Step {
  call.lastIndex = index;
  const match = call.exec(context.text);
  const label = match?.[1];
  const end = index + (match?.[0].length ?? 0);
  if (!match || label === undefined || end > to || !footnoteLabel.test(label)) return undefined;
  const after = context.text.charCodeAt(end);
  if (after === 91 || after === 40 /* [ ( */) return undefined;
  if (!context.footnotes.has(identifier(label))) {
    // An undefined call is text, but micromark still links a `www.` inside it.
    return /www\./iu.test(label) ? undefined : { end };
  }
  const position = span(context, index, end);
  return {
    node: { type: 'footnoteReference', identifier: identifier(label), label, position },
    end,
  };
}

function reference(
  context: Context,
  label: string,
  referenceType: LinkReference['referenceType'],
  children: PhrasingContent[],
  start: number,
  end: number,
): LinkReference {
  const position = span(context, start, end);
  return {
    type: 'linkReference',
    children,
    label,
    identifier: identifier(label),
    referenceType,
    position,
  };
}

/**
 * At `*` or `_`: emphasis or strong emphasis (see `emphasis`), or one whose text holds what a
 * paragraph's text may hold but emphasis marks (links, references, footnote calls, code spans,
 * line endings; see `richEmphasisAt`); anything else falls back.
 */
function emphasisAt(context: Context, index: number, to: number): Step {
  emphasis.lastIndex = index;
  const match = emphasis.exec(context.text);
  const marker = match?.[1];
  const content = match?.[2];
  if (
    !match ||
    !marker ||
    !content ||
    index + match[0].length > to ||
    /http|www\.|[<`~]/iu.test(content)
  ) {
    return richEmphasisAt(context, index, to);
  }
  const start = index + marker.length;
  const end = start + content.length + marker.length;
  return {
    node: {
      type: marker.length === 2 ? 'strong' : 'emphasis',
      children: [textNode(context, start, start + content.length)],
      position: span(context, index, end),
    },
    end,
  };
}

/**
 * An opening run of emphasis whose text may start with a letter or digit (after what
 * `emphasis` allows before it) or with `[`, `` ` ``, `"`, `(`, `@`, `“` or `‘` (after a space
 * or a line's start only: the run is then left-flanking and not right-flanking, so it can
 * only open).
 */
const richOpening =
  /(?<=^|[ \n(“«‘"'[\-/])(\*\*|\*|__|_)(?=[\p{L}\p{N}])|(?<=^|[ \n])(\*\*|\*|__|_)(?=[[`"(@“‘])/uy;
/** What may end emphasis's text: a letter, a digit, or closing punctuation. */
const richLast = /[\p{L}\p{N}.,;:!?)\]`"%'”’]/u;
/** What may follow the closing run: the end, a space or a line ending, or punctuation. */
const richAfter = /[ \n.,;:!?)\]”»’"'\-[/–—…]/u;

/**
 * Emphasis whose text holds other inline nodes or goes on over lines (`**[Register][form]**`,
 * `*Update from [1.82](…)*`, `**a\nb**`). Its text runs to the first `*` or `_` after the
 * opening run that is not an `_` between two letters or digits (those neither open nor
 * close); that must be a run of the same marks, of the same length, after a letter, a digit
 * or closing punctuation and before the end, a space or punctuation: a closing run, and the
 * only mark between the two, so micromark pairs them. The text is parsed as a paragraph's
 * is, up to the closing run; anything in it that could reach past that run (a bracket or
 * a code span it does not close, a bare URL, HTML, `~`) falls back.
 */
function richEmphasisAt(context: Context, index: number, to: number): Step {
  const { text } = context;
  richOpening.lastIndex = index;
  const opening = richOpening.exec(text);
  const marker = opening?.[1] ?? opening?.[2];
  if (!marker) return undefined;
  const start = index + marker.length;
  let close = start;
  for (; close < to; close++) {
    const code = text.charCodeAt(close);
    if (code !== 42 && code !== 95 /* * _ */) continue;
    if (code === 95 && intrawordAt(text, close)) {
      close = intraword.lastIndex - 1;
      continue;
    }
    // Plain emphasis inside (`**the compiler prevents all *data races*.**`): its runs pair
    // with each other first, as micromark's closest opener does.
    emphasis.lastIndex = close;
    const inner = emphasis.exec(text);
    if (!inner) break;
    close += inner[0].length - 1;
  }
  const end = close + marker.length;
  if (
    end > to ||
    text.slice(close, end) !== marker ||
    !richLast.test(text.charAt(close - 1)) ||
    (end < text.length && !richAfter.test(text.charAt(end)))
  ) {
    return undefined;
  }
  const children = inline(context, start, close);
  if (!children) return undefined;
  for (const child of children) {
    const from = child.position?.start.offset ?? start;
    // A backtick left in the text could open a code span that closes after the closing run.
    if (child.type === 'text' && /`/u.test(text.slice(from, child.position?.end.offset)))
      return undefined;
  }
  return {
    node: {
      type: marker.length === 2 ? 'strong' : 'emphasis',
      children,
      position: span(context, index, end),
    },
    end,
  };
}

/** At `~`: plain strikethrough (`~~gone~~` or `~gone~`, as `emphasis`); anything else falls back. */
function strikeAt(context: Context, index: number, to: number): Step {
  strike.lastIndex = index;
  const match = strike.exec(context.text);
  const marker = match?.[1];
  const content = match?.[2];
  if (!match || !marker || !content || index + match[0].length > to) return undefined;
  if (/http|www\.|[<`*_]/iu.test(content)) return undefined;
  const start = index + marker.length;
  const end = start + content.length + marker.length;
  return {
    node: {
      type: 'delete',
      children: [textNode(context, start, end - marker.length)],
      position: span(context, index, end),
    },
    end,
  };
}

/**
 * At `~`: text when no other run follows it in its block (`about ~30s`): micromark pairs a
 * run with another, and with none it is text whether it could open or close.
 */
function loneTildes(context: Context, index: number): Step {
  const { text, scope } = context;
  let end = index;
  while (text.charCodeAt(end) === 126) end++;
  // One before it was taken as such a run or in a construct micromark sees too (code, a
  // URL, a destination, a strikethrough): none pairs with it.
  const after = text.indexOf('~', end);
  return after !== -1 && after < scope.to ? undefined : { end };
}

/**
 * At `*` or `_`: text when the run has white space (or the text's start or end) on both
 * sides (`24 * 60`): it is neither left- nor right-flanking, so it can neither open nor
 * close emphasis.
 */
/** Whether the `*` and `_` of `written` (at `from`) are each one run, alone in the block. */
function loneMarks(context: Context, written: string, from: number): boolean {
  for (const [mark, code] of [
    ['*', 42],
    ['_', 95],
  ] as const) {
    const first = written.indexOf(mark);
    if (first === -1) continue;
    let end = first;
    while (written.charCodeAt(end) === code) end++;
    if (!onlyRun(context.text, context.scope, from + first, from + end, code)) return false;
  }
  return true;
}

/**
 * A run of `*` or `_` that is the only one of its mark in its block (`layouts/_default/`,
 * `COUNT(*)`): with no other to pair with, it is text.
 */
function loneRun(context: Context, index: number, code: number): Step {
  const { text, scope } = context;
  let end = index;
  while (text.charCodeAt(end) === code) end++;
  return onlyRun(text, scope, index, end, code) ? { end } : undefined;
}

/** Whether `[from, to)` holds every `code` of `scope` (each step is as long as the search). */
function onlyRun(
  text: string,
  scope: { from: number; to: number },
  from: number,
  to: number,
  code: number,
): boolean {
  for (let at = from - 1; at >= scope.from; at--) if (text.charCodeAt(at) === code) return false;
  for (let at = to; at < scope.to; at++) if (text.charCodeAt(at) === code) return false;
  return true;
}

function unflankedRun(text: string, index: number, code: number): Step {
  let end = index;
  while (text.charCodeAt(end) === code) end++;
  const before = index === 0 ? 32 : text.charCodeAt(index - 1);
  const after = end === text.length ? 32 : text.charCodeAt(end);
  if ((before !== 32 && before !== 10) || (after !== 32 && after !== 10)) return undefined;
  return { end };
}

/**
 * At `h`: a bare `http(s)://` URL GFM links, or text when it is no URL at all. micromark's
 * literal autolinks (micromark-extension-gfm-autolink-literal) link one after any character
 * but an ASCII letter (after a letter it is text, unless GFM's pass over the tree links
 * it: left to micromark), up to where `literalEnd` says; the URL is as written, so one
 * with a backslash or a character reference in it is left to micromark too.
 */
function bareUrlAt(context: Context, index: number, to: number): Step {
  const { text } = context;
  const scheme = /^https?:\/\//iu.exec(text.slice(index, index + 8));
  if (!scheme) return { end: index + 1 };
  if (index > 0 && asciiLetter(text.charCodeAt(index - 1))) return undefined;
  // The end of the paragraph (heading, row) is the end of its text; what ends earlier
  // (emphasis, a cell) micromark's URL does not know of: one that goes past it falls back.
  const end = literalEnd(text, index + scheme[0].length, Math.max(context.scope.to, to));
  if (end === undefined || end > to) return undefined;
  const url = text.slice(index, end);
  if (url.includes('\\') || characterReference.test(url)) return undefined;
  const children: [Text] = [textNode(context, index, end)];
  return {
    node: { type: 'link', title: null, url, children, position: span(context, index, end) },
    end,
  };
}

function asciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** White space as micromark's literal autolinks see it (a character's UTF-16 unit). */
function literalSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/u.test(String.fromCharCode(code));
}

/** Unicode punctuation or a symbol, as micromark sees it (a character's UTF-16 unit). */
function literalPunctuation(code: number): boolean {
  // Every printable ASCII character that is no letter, digit or space is one (`\p{P}` or `\p{S}`).
  if (code < 128)
    return (
      (code >= 33 && code <= 47) ||
      (code >= 58 && code <= 64) ||
      (code >= 91 && code <= 96) ||
      (code >= 123 && code <= 126)
    );
  return /[\p{P}\p{S}]/u.test(String.fromCharCode(code));
}

/**
 * Where a literal autolink whose domain starts at `from` ends (micromark's `domain` and
 * `path`), the text ending at `limit`; `undefined` when it is none. The domain runs to white
 * space or punctuation other than `-`, `.` and `_`, and neither of its last two segments may
 * hold an `_`; the path runs on to white space; a `.` or `_` of the domain, and the
 * punctuation `trailAt` knows of in the path, end it where what follows is a trail (a `)`
 * only when it closes none of the path's `(`).
 */
function literalEnd(text: string, from: number, limit: number): number | undefined {
  let at = from;
  const first = at < limit ? text.charCodeAt(at) : -1;
  if (
    first === -1 ||
    first < 32 ||
    first === 127 ||
    literalSpace(first) ||
    literalPunctuation(first)
  )
    return undefined;
  let underscoreInLast = false;
  let underscoreInLastButOne = false;
  for (; at < limit; at++) {
    const code = text.charCodeAt(at);
    if (code === 46 /* . */ || code === 95 /* _ */) {
      if (trailAt(text, at, limit)) break;
      if (code === 95) underscoreInLast = true;
      else {
        underscoreInLastButOne = underscoreInLast;
        underscoreInLast = false;
      }
      continue;
    }
    if (literalSpace(code) || (code !== 45 /* - */ && literalPunctuation(code))) break;
  }
  if (underscoreInLast || underscoreInLastButOne) return undefined;
  let opened = 0;
  let closed = 0;
  for (; at < limit; at++) {
    const code = text.charCodeAt(at);
    if (code === 40 /* ( */) opened++;
    else if (code === 41 /* ) */ && closed < opened) closed++;
    else if (pathTrail.has(code)) {
      if (trailAt(text, at, limit)) return at;
      if (code === 41) closed++;
    } else if (literalSpace(code)) return at;
  }
  return at;
}

/** The punctuation at which micromark's path of a literal autolink looks for a trail. */
const pathTrail = new Set([33, 34, 38, 39, 41, 42, 44, 46, 58, 59, 60, 63, 93, 95, 126]);
/** Trailing punctuation (micromark's `trail`). */
const trailing = new Set([33, 34, 39, 41, 42, 44, 46, 58, 59, 63, 95, 126]);

/**
 * Whether a trail starts at `at`: trailing punctuation, `&` and letters closed by `;`, and
 * `]`s, up to white space, `<` or the end (a `]` before `(` or `[` ends it too).
 */
function trailAt(text: string, at: number, limit: number): boolean {
  let index = at;
  while (index < limit) {
    const code = text.charCodeAt(index);
    if (trailing.has(code)) {
      index++;
      continue;
    }
    if (code === 38 /* & */) {
      index++;
      if (!asciiLetter(text.charCodeAt(index)) || index >= limit) return false;
      while (index < limit && asciiLetter(text.charCodeAt(index))) index++;
      if (index >= limit || text.charCodeAt(index) !== 59 /* ; */) return false;
      index++;
      continue;
    }
    if (code === 93 /* ] */) {
      index++;
      if (index >= limit) return true;
      const next = text.charCodeAt(index);
      if (next === 40 || next === 91 || literalSpace(next)) return true;
      continue;
    }
    return code === 60 /* < */ || literalSpace(code);
  }
  return true;
}

/**
 * Where the run of a `www.` link at `index` ends: at a space or a line end; after
 * `(`, at a `)` that closes it, followed by the end or white space, maybe
 * after a `.` or `,` (GFM leaves an unbalanced `)` out of the link).
 * `undefined` for anything else after a `)`: GFM's link goes on over `)`,
 * `[` and `^`, so that `(www.example.org).[^1]` links `www.example.org).[^1`.
 */
function urlRunEnd(
  text: string,
  index: number,
  to: number,
  inParentheses: boolean,
): number | undefined {
  let end = index;
  for (; end < to; end++) {
    const code = text.charCodeAt(end);
    if (code === 32 || code === 10) return end;
    if (code === 41 /* ) */ && inParentheses) break;
  }
  if (end >= to) return end;
  const after = text.slice(end + 1, Math.min(to, end + 4));
  return /^[.,]?(?:[ \n]|$)/u.test(after) ? end : undefined;
}

/**
 * At `w`: a `www.` link GFM makes (`http://` and the literal, the same plain
 * domain and path as `wwwUrl`), or text when it is no `www.` at all.
 */
function wwwAt(context: Context, index: number, to: number): Step {
  const { text } = context;
  if (text.slice(index, index + 4).toLowerCase() !== 'www.') return { end: index + 1 };
  const before = text.charCodeAt(index - 1);
  if (index > 0 && before !== 32 && before !== 10 && before !== 40 /* ( */) return undefined;
  const runEnd = urlRunEnd(text, index, to, before === 40);
  if (runEnd === undefined) return undefined;
  const literal = wwwUrl.exec(text.slice(index, runEnd))?.[1];
  if (literal === undefined) return undefined;
  const end = index + literal.length;
  // And where micromark's literal ends, past the end of what is asked about too (a closing
  // run of emphasis that `[` follows is the URL's: `**www.example.org**[a`).
  if (literalEnd(text, index + 4, Math.max(context.scope.to, to)) !== end) return undefined;
  const children: [Text] = [textNode(context, index, end)];
  const position = span(context, index, end);
  return { node: { type: 'link', title: null, url: `http://${literal}`, children, position }, end };
}

/** A character of an e-mail literal's local part (GFM's `atext`). */
function atext(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    asciiLetter(code) ||
    code === 43 /* + */ ||
    code === 45 /* - */ ||
    code === 46 /* . */ ||
    code === 95 /* _ */
  );
}

/** Where the local part of an e-mail literal before the `@` at `at` starts (`at`: none), in text from `from`. */
function localPart(text: string, from: number, at: number): number {
  let start = at;
  while (start > from && atext(text.charCodeAt(start - 1))) start--;
  return start;
}

/**
 * An e-mail literal GFM links (micromark-extension-gfm-autolink-literal's `emailAutolink`):
 * the local part from `start` (a run of `atext` that a letter or digit starts, after
 * neither `atext` nor `/`), `@` at `at`, and a domain of letters, digits, `-` and `_` with
 * dots between (a dot before anything but a letter or digit ends it), holding a dot and
 * ending in a letter. The URL is `mailto:` and the address. Anything else with a local part
 * and a domain falls back (the tokenizer or GFM's pass over the tree may still link it).
 */
function emailAt(context: Context, start: number, at: number, to: number): Step {
  const { text } = context;
  const before = start > 0 ? text.charCodeAt(start - 1) : 32;
  const first = text.charCodeAt(start);
  if (
    atext(before) ||
    before === 47 /* / */ ||
    !(asciiLetter(first) || (first >= 48 && first <= 57))
  )
    return undefined;
  let end = at + 1;
  let dot = false;
  const limit = Math.max(context.scope.to, to);
  for (; end < limit; end++) {
    const code = text.charCodeAt(end);
    if (code === 46 /* . */) {
      const next = text.charCodeAt(end + 1);
      if (end + 1 >= limit || !(asciiLetter(next) || (next >= 48 && next <= 57))) break;
      dot = true;
      continue;
    }
    if (!(asciiLetter(code) || (code >= 48 && code <= 57) || code === 45 || code === 95)) break;
  }
  if (end === at + 1) return { end: at + 1 }; // no domain: the `@` is text
  if (!dot || !asciiLetter(text.charCodeAt(end - 1)) || end > to) return undefined;
  const address = text.slice(start, end);
  const inner: Text = { type: 'text', value: address, position: span(context, start, end) };
  return {
    node: {
      type: 'link',
      title: null,
      url: `mailto:${address}`,
      children: [inner],
      position: span(context, start, end),
    },
    end,
  };
}

/**
 * At `<`: an autolink (`<https://…>`, `<name@example.org>`), an HTML comment, or an HTML
 * open or closing tag, on one line; text when what follows cannot start any; anything else
 * falls back.
 */
function angleAt(context: Context, index: number, to: number): Step {
  const { text } = context;
  const next = text.charCodeAt(index + 1);
  const letter = (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
  if (next === 33 /* ! */ && text.startsWith('<!--', index)) return commentAt(context, index, to);
  emailAutolink.lastIndex = index;
  const email = atext(next) ? emailAutolink.exec(text) : null;
  if (email && index + email[0].length <= to) {
    const address = email[1] as string;
    return autolinkStep(context, index, index + email[0].length, address, `mailto:${address}`);
  }
  if (!letter && next !== 47 /* / */) {
    return next === 33 || next === 63 /* ! ? */ || index + 1 >= to ? undefined : { end: index + 1 };
  }
  autolink.lastIndex = index;
  const link = autolink.exec(text);
  if (link && index + link[0].length <= to) {
    return autolinkStep(context, index, index + link[0].length, link[1] as string);
  }
  htmlTag.lastIndex = index;
  const tag = htmlTag.exec(text);
  if (!tag || index + tag[0].length > to) return undefined;
  const end = index + tag[0].length;
  return { node: { type: 'html', value: tag[0], position: span(context, index, end) }, end };
}

/** An autolink from `index` to `end`: its text as written between the brackets. */
function autolinkStep(
  context: Context,
  index: number,
  end: number,
  written: string,
  url = written,
): Step {
  const inner: Text = { type: 'text', value: written, position: span(context, index + 1, end - 1) };
  return {
    node: {
      type: 'link',
      title: null,
      url,
      children: [inner],
      position: span(context, index, end),
    },
    end,
  };
}

/**
 * At `<!--`: an HTML comment that ends on its line (`<!-->` and `<!--->` are whole comments;
 * `--` may be inside one), or `undefined`.
 */
function commentAt(context: Context, index: number, to: number): Step {
  const { text } = context;
  let end: number;
  if (text.startsWith('>', index + 4)) end = index + 5;
  else if (text.startsWith('->', index + 4)) end = index + 6;
  else {
    const close = text.indexOf('-->', index + 4);
    const line = text.indexOf('\n', index);
    if (close === -1 || (line !== -1 && close > line)) return undefined;
    end = close + 3;
  }
  if (end > to) return undefined;
  return {
    node: { type: 'html', value: text.slice(index, end), position: span(context, index, end) },
    end,
  };
}

/**
 * At a backtick: a code span closed by a run of as many, or, when the paragraph holds no
 * such run, the run as text. A span may go on over line endings to lines that start at
 * the margin with neither a space nor a `>`: micromark keeps the line ending in the value,
 * and such a line, at the margin or lazy, has no container's marks to leave out of it (it
 * does leave a list item's indentation and a quote's `>` out: those fall back).
 */
function codeAt(context: Context, index: number, to: number): Step {
  const { text } = context;
  let open = index;
  while (open < to && text.charCodeAt(open) === 96) open++;
  const size = open - index;
  let at = open;
  while (at < to) {
    const code = text.charCodeAt(at);
    if (code === 10) {
      const next = text.charCodeAt(at + 1);
      if (next === 32 || next === 9 || next === 62 /* > */) return undefined;
      at++;
      continue;
    }
    if (code !== 96) {
      at++;
      continue;
    }
    let close = at;
    while (close < to && text.charCodeAt(close) === 96) close++;
    if (close - at === size) {
      let value = text.slice(open, at);
      // One space or line ending each side is padding when both are there and it is not all
      // spaces and line endings.
      if (codePadding.test(value)) value = value.slice(1, -1);
      // In a table cell `\|` is a pipe, even in code (mdast-util-gfm-table).
      if (context.inTable)
        value = value.replace(/\\([\\|])/gu, (pair, char) => (char === '|' ? '|' : pair));
      return {
        node: { type: 'inlineCode', value, position: span(context, index, close) },
        end: close,
      };
    }
    at = close;
  }
  return { end: open };
}

/**
 * The `]` closing a bracket opened before `from`, with no `[` between, and not empty. In a
 * link's text (`codeHides`) a code span hides the brackets it holds (`` [`[T]::len`](…) ``:
 * code spans bind more tightly than brackets); in a label it cannot. It may be on a later
 * line of the paragraph; one that a space or a `>` starts, or after a space, only with
 * `anyLine` (the caller then takes it for a link's text alone).
 */
function closingBracket(
  text: string,
  from: number,
  to: number,
  codeHides = false,
  anyLine = false,
): number | undefined {
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code === 93) return index > from ? index : undefined;
    if (code === 96) {
      // A code span of one backtick on the line: skipped (in a label, only one without brackets).
      const end = codeSpanEnd(text, index, to, codeHides);
      if (end === undefined) return undefined;
      index = end;
      continue;
    }
    // Another bracket, or what could hide a `]`: escapes, HTML; a line that a space, `>`
    // (a quote's) or a hard break before it could make more than text.
    if (code === 91 || code === 92 || code === 60) return undefined;
    if (code === 10 && !anyLine) {
      const next = text.charCodeAt(index + 1);
      if (next === 32 || next === 62 || text.charCodeAt(index - 1) === 32) return undefined;
    }
  }
  return undefined;
}

/**
 * At a backtick: the closing backtick of a code span of one backtick on the line (neither
 * backtick in a longer run), holding no bracket unless `brackets`; `undefined` for anything else.
 */
function codeSpanEnd(
  text: string,
  open: number,
  to: number,
  brackets: boolean,
): number | undefined {
  if (text.charCodeAt(open - 1) === 96 || text.charCodeAt(open + 1) === 96) return undefined;
  for (let index = open + 1; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code === 96) return text.charCodeAt(index + 1) === 96 ? undefined : index;
    if (code === 10 || (!brackets && (code === 91 || code === 93))) return undefined;
  }
  return undefined;
}

/** A code span's value that starts and ends with a space or line ending, not all of them. */
const codePadding = /^[ \n][^]*[^ \n][^]*[ \n]$/u;

/** What of a paragraph's line is not its text: the indentation, and the `>` of block quotes. */
const lineIndent = /\n[ >]+/gu;

function textNode(context: Context, from: number, end: number): Text {
  // Text that starts with a line's last space (after a node) starts at the line ending.
  const start =
    context.text.charCodeAt(from) === 32 && context.text.charCodeAt(from + 1) === 10
      ? from + 1
      : from;
  // Text that ends at a line's indentation or, in a block quote, at its `> ` (a node starts
  // after it) ends at the line ending.
  let stop = end;
  if (context.text.charCodeAt(end - 1) === 32) {
    let at = end - 1;
    while (context.text.charCodeAt(at - 1) === 32) at--;
    if (context.text.charCodeAt(at - 1) === 10) stop = at;
  }
  // Or at a block quote's `>` (a line of a paragraph never starts with one: it would start a quote).
  if (context.text.charCodeAt(stop - 1) === 62 || context.text.charCodeAt(stop - 1) === 32) {
    let at = stop;
    while (
      at > start &&
      (context.text.charCodeAt(at - 1) === 32 || context.text.charCodeAt(at - 1) === 62)
    )
      at--;
    if (context.text.charCodeAt(at - 1) === 10) stop = at;
  }
  const slice = context.text.slice(start, stop);
  // Most text has nothing of what follows: one search for all of it.
  if (!textWork.test(slice))
    return { type: 'text', value: slice, position: span(context, start, stop) };
  // A space at the end of a line is not the text's (two or more made a hard break), nor
  // the indentation of the next (lines that go on with a list item's text).
  const trimmed = slice.includes(' \n') ? slice.replaceAll(' \n', '\n') : slice;
  const source = /\n[ >]/u.test(trimmed) ? trimmed.replace(lineIndent, '\n') : trimmed;
  const value = /[\\&]/u.test(source) ? decode(source) : source;
  if (value.includes('@') && mailLike.test(value)) context.literal = true;
  // A URL that escapes or character references spell is no URL to the tokenizer, but GFM's
  // pass over the tree links it in the decoded value.
  if (value !== source && spelledUrl.test(value)) context.literal = true;
  return { type: 'text', value, position: span(context, start, stop) };
}

/** What `textNode` trims (` \n`), takes out (`\n` then indentation or `>`), decodes (`\\`, `&`) or looks at (`@`). */
const textWork = / \n|\n[ >]|[\\&@]/u;

/** What GFM's pass over the tree links in a text node's value (any case). */
const spelledUrl = /https?:\/\/|www\./iu;

/** Backslash escapes and character references, decoded as micromark decodes them in text. */
function decode(source: string): string {
  return source.replace(escapeOrReference, (match, escaped?: string, reference?: string) => {
    if (escaped !== undefined) return escaped;
    const name = reference as string;
    if (name[0] !== '#') return decodeNamedCharacterReference(name) || match;
    const hex = name[1] === 'x' || name[1] === 'X';
    return decodeNumericCharacterReference(name.slice(hex ? 2 : 1), hex ? 16 : 10);
  });
}

const escapeOrReference =
  /\\([!-/:-@[-`{-~])|&(#[xX][\dA-Fa-f]{1,6}|#\d{1,7}|[A-Za-z][A-Za-z\d]{0,30});/gu;

/** ASCII punctuation, which a backslash escapes. */
function asciiPunctuation(code: number): boolean {
  return (
    (code >= 33 && code <= 47) ||
    (code >= 58 && code <= 64) ||
    (code >= 91 && code <= 96) ||
    (code >= 123 && code <= 126)
  );
}

/**
 * The key GFM matches a label by (mdast's `identifier`): `normalizeIdentifier`, then lower
 * case. A label of printable ASCII without spaces or capitals (`12`, `smith-2020`) is its
 * own key: neither the spaces' replace nor the changes of case touch it.
 */
export function identifier(label: string): string {
  if (ownKey.test(label)) return label;
  return normalizeIdentifier(label).toLowerCase();
}

/** Printable ASCII but spaces and capitals: what `identifier` leaves as it is. */
const ownKey = /^[!-@[-~]+$/u;

function span(context: Context, start: number, end: number): { start: Point; end: Point } {
  return { start: point(context, start), end: point(context, end) };
}

export function point(context: Context, offset: number): Point {
  const starts = context.lineStarts;
  // Most places are asked for in order: on the line of the last one, or the next.
  const last = context.line;
  if (offset >= (starts[last] as number)) {
    const next = starts[last + 1];
    if (next === undefined || offset < next)
      return { line: last + 1, column: offset - (starts[last] as number) + 1, offset };
    const after = starts[last + 2];
    if (after === undefined || offset < after) {
      context.line = last + 1;
      return { line: last + 2, column: offset - next + 1, offset };
    }
  }
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  context.line = low;
  return { line: low + 1, column: offset - (starts[low] as number) + 1, offset };
}
