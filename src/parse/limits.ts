import { htmlBlockNames } from 'micromark-util-html-tag-name';
import { withoutFrontMatter } from './front-matter.js';

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
  /**
   * Closing `*` and `_` in one paragraph. micromark matches emphasis in time
   * that grows with the square of their number in a paragraph (2,000 took 2.7 s
   * on a loaded 2-core machine, 1,000 0.7 s): the sum of the squares over the
   * article's paragraphs may not pass this number squared.
   */
  emphasisMarkers: 1000,
  /** `](` (a link or image opening its destination) in one paragraph: quadratic likewise (1,000: 0.9 s), same rule. */
  linkOpeners: 1000,
  /**
   * Characters micromark scans looking for the ends of code spans (a run of
   * backticks scans on to the next run of the same length, or to the end of its
   * paragraph): 5 million (6 million took 2.3 s on a loaded 2-core machine).
   */
  codeSpanScan: 5_000_000,
  /**
   * Columns of one table: micromark takes about 0.5 ms a cell on a loaded
   * machine (linear, but a row of 20,000 cells is 10 s), and a page shows a few dozen.
   */
  tableColumns: 500,
  /** Characters in one paragraph: breaking a paragraph into lines (Knuth–Plass) grows faster than its length. */
  paragraphCharacters: 50_000,
  /**
   * Lines (not blank) and inline marks in one article: each is a node or more of the
   * tree and of the editions, which cost about 0.1 ms a line or mark to build on a loaded
   * 2-core machine (a heading or list item each, a table cell or code span of a page),
   * whatever the article's length. The marks are the characters that open or close
   * inline markup (`markCharacters`) and the web addresses found in text (`www.`, `://`,
   * `@`); a line nested in block quotes or lists counts once more for each (`lineNesting`).
   * Words of text count an eighth each (`wordWeight`): breaking a paragraph into lines
   * weighs every place a line may end, and 1 MB of one-letter words took 15 s to build. The
   * letters of a word after its 63rd (a long URL, a "word" of nothing but letters) count a
   * sixth each (`longWordWeight`): a word wider than the line may break after any of them,
   * and 1 MB of URLs of 420 characters took 19 s to build.
   * The longest real articles measured hold about 11,000 (a 173 KB report); 1 MB of prose
   * (170,000 words) about 21,000.
   */
  elements: 30_000,
} as const;

/** How many words of text count as one toward `limits.elements`. */
const wordWeight = 8;
/** The letters of a word that hyphenation leaves alone (TeX's limit, editions/pdf/hyphenate.ts). */
const longWord = 63;
/** How many characters of a word after its 63rd count as one toward `limits.elements`. */
const longWordWeight = 6;
/** One toward `limits.elements` in the units `words` counts in. */
const wordUnit = wordWeight * longWordWeight;

/** The characters that count as inline marks toward `limits.elements`. */
const markCharacters = /[\\*_[\]`<&|~]|www\.|:\/\/|@/gu;

const containerMarker = /^[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))/u;
/**
 * A line that may nest over the limit: 101 container markers (`containerMarker`
 * 101 times), or indentation of 51 spaces or tabs (202 columns need that many).
 */
const deepLineBody = `(?:(?:${containerMarker.source.slice(1)}){${limits.nesting + 1}}|[ \\t]{${Math.ceil((2 * limits.nesting + 2) / 4)}})`;
const deepLine = new RegExp(`\\n${deepLineBody}`, 'u');
/** `deepLine` at the text's first line (anchored: tried at its start only). */
const deepFirstLine = new RegExp(`^${deepLineBody}`, 'u');
/** A fence's marks after its line's container markers (a backtick fence's info has no backtick). */
const fenceOpening = /^ {0,3}(`{3,}(?!.*`)|~{3,})/u;
/** A closing fence, after the markers its fence's lines start with. */
const closingFence = /^ {0,3}(`{3,}|~{3,})[ \t]*$/u;
const thematicBreak = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$/u;
const wordCharacter = /[\p{L}\p{N}]/u;
const containerPrefix = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)]))+/u;
const quotePrefix = /^(?:[ \t]*>)+/u;
const heading = /^ {0,3}#{1,6}(?:[ \t]|$)/u;
/** A list item's marker with what comes before and after it. */
const listMarker = /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+)(?=\S)/u;
/** Text that starts a paragraph for sure (not a heading, fence, quote, list or HTML). */
const startsText = /^\p{L}/u;
/** A footnote definition's first line, which micromark starts anew even in a paragraph (labels with no space, bracket or escape). */
const footnoteDefinition = /^ {0,3}\[\^[^\]\s[\\]+\]:/u;
/**
 * A whole link definition on one line that micromark always reads as one (a plain label, a
 * destination without spaces, parentheses or escapes, an optional plain title): after
 * another such line, or at the start of a paragraph, it starts a block of its own.
 */
const linkDefinition =
  /^ {0,3}\[(?!\^)[^[\]\\]{0,99}[^\s[\]\\][^[\]\\]{0,99}\]:[ \t]*(?:<[^<>\\\n]*>|[^\0- <>()\\\x7f]+)(?:[ \t]+"[^"\\]*")?[ \t]*$/u;
/** The block quote markers that start a line (each after at most three spaces, as at the margin). */
const quoteMarkers = /^(?: {0,3}>[ \t]?)+/u;
/** HTML blocks of kinds 1 to 5 (CommonMark): how each starts at the margin, and the line that ends it. */
const htmlUntil: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/^<(?:pre|script|style|textarea)(?:[ \t>]|$)/iu, /<\/(?:pre|script|style|textarea)>/iu],
  [/^<!--/u, /-->/u],
  [/^<\?/u, /\?>/u],
  [/^<![A-Za-z]/u, />/u],
  [/^<!\[CDATA\[/u, /\]\]>/u],
];
/** An HTML block of kind 6 at the margin (a block-level tag), which goes on to a blank line. */
const htmlToBlank = new RegExp(`^</?(?:${htmlBlockNames.join('|')})(?:[ \\t>]|/>|$)`, 'iu');
/** The characters the inline scan counts: escapes, emphasis markers, `]` (of `](`), backticks. */
const inlineMark = /[\\*_\]`]/g;
/** The characters the bracket scan counts: escapes and brackets. */
const bracket = /[\\[\]]/g;
const delimiterRow = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$/u;

/** What the scan counts in one paragraph (a run of lines without a blank one, outside fenced code). */
interface Paragraph {
  line: number;
  /** How many block quotes it is in. */
  quotes: number;
  /** Every line so far is a whole link definition (`linkDefinition`). */
  definitions: boolean;
  /** The column its list item's content starts at, when its first line is a list item's. */
  item: number | undefined;
  /** A line went on lazily (fewer block quotes, or before its item's content): no table starts in it. */
  lazy: boolean;
  characters: number;
  emphasisMarkers: number;
  linkOpeners: number;
  /** Backtick runs: where each starts (offset in the paragraph) and its length. */
  ticks: Array<{ at: number; length: number }>;
}

/** The totals over the article that the quadratic limits bound. */
interface Totals {
  emphasis: number;
  links: number;
  codeScan: number;
}

/**
 * The first limit `text` goes over, as a one-line reason, or `undefined`.
 * A linear scan, run before parsing: the shapes on which micromark's time
 * grows faster than the input are bounded here, so that any article within
 * the limits parses in time proportional to its length.
 */
export function overLimit(text: string): string | undefined {
  return clearlyWithin(text) ? undefined : scanLimits(text);
}

/**
 * The first limit the body of an article goes over: `overLimit` of `text` with its front
 * matter emptied (`withoutFrontMatter`), which limits meant for the body do not count.
 * Each count `clearlyWithin` bounds is at least as large in the whole text as in the body
 * (the body's lines are the same lines at the same places, and the front matter's only add
 * to the stretch they join), so a whole text clearly within the limits has a body within
 * them: only the others are copied without their front matter, for the scan.
 */
export function bodyOverLimit(text: string): string | undefined {
  return clearlyWithin(text) ? undefined : scanLimits(withoutFrontMatter(text));
}

/**
 * Whether `text` holds too few of each thing a limit counts to go over any
 * limit, whatever their places: true of most articles, which then skip the
 * scan (it was about a twentieth of a check). Each count is an upper bound of
 * what the scan counts: the `[^` bound the footnotes; the paragraphs' counts
 * (`paragraphsWithin`) the brackets, markers, openers, code-span scan and length;
 * `|` the columns; the line feeds and marks the lines and marks (`elementsWithin`).
 */
export function clearlyWithin(text: string): boolean {
  return (
    occurrences(text, '[^', limits.footnotes) <= limits.footnotes &&
    paragraphsWithin(text) &&
    occurrences(text, '|', limits.tableColumns) < limits.tableColumns &&
    elementsWithin(text) &&
    // The first line, then the others: a pattern that starts with a fixed character is found
    // faster than `^` with `m` (and a line feed put before the text would copy it).
    !deepFirstLine.test(text) &&
    !deepLine.test(text)
  );
}

/** A line feed that a line of nothing but spaces and tabs follows (then a line feed). */
const blankAfter = /\n[ \t]*(?=\n)/gu;

/**
 * Whether the paragraphs of `text` surely stay within the limits counted per paragraph:
 * its length, or else the counts in each stretch between blank lines. The scan's
 * paragraphs, and the brackets it counts open, end at every blank line outside fenced code
 * and HTML blocks, and at the start of each (so a stretch that a blank line inside one
 * ends holds all a paragraph before it has, and the one after all a paragraph after it
 * has); each paragraph is in one stretch. So: fewer than 101 `[` in each cannot nest 101
 * deep; the squares of the `*` and `_`, and of the `](`, add up to at least those of the
 * paragraphs' markers and openers; the backticks times the stretch's length bound its
 * code-span scan; and a paragraph is no longer than its stretch. Rust-lang's blog: a third
 * of its bytes (58 articles with more than 100 `[` or many backticks in all) went to the
 * scan, 0.1 s.
 */
function paragraphsWithin(text: string): boolean {
  const most = limits.bracketDepth;
  if (
    text.length < limits.paragraphCharacters &&
    occurrences(text, '[', most) <= most &&
    occurrences(text, '*', limits.emphasisMarkers) +
      occurrences(text, '_', limits.emphasisMarkers) <=
      limits.emphasisMarkers &&
    occurrences(text, '](', limits.linkOpeners) <= limits.linkOpeners &&
    occurrences(text, '`', limits.codeSpanScan) * (text.length + 1) <= limits.codeSpanScan
  )
    return true;
  const brackets = counter(text, '[');
  const stars = counter(text, '*');
  const underscores = counter(text, '_');
  const openers = counter(text, '](');
  const ticks = counter(text, '`');
  let emphasis = 0;
  let links = 0;
  let codeScan = 0;
  for (let from = 0; from < text.length;) {
    blankAfter.lastIndex = from;
    const blank = blankAfter.exec(text);
    // The stretch, with the line feed that ends its last line.
    const to = blank ? blank.index + 1 : text.length;
    if (to - from >= limits.paragraphCharacters || brackets(to) > most) return false;
    emphasis += (stars(to) + underscores(to)) ** 2;
    links += openers(to) ** 2;
    codeScan += ticks(to) * (to - from + 1);
    if (
      emphasis > limits.emphasisMarkers ** 2 ||
      links > limits.linkOpeners ** 2 ||
      codeScan > limits.codeSpanScan
    )
      return false;
    from = blank ? blankAfter.lastIndex + 1 : text.length;
  }
  return true;
}

/**
 * Whether `text` surely holds no more lines, inline marks, nesting and words than
 * `limits.elements`. Each of the first three takes a character of its own: a line its line
 * feed (or last character), a mark its first character, a level of nesting its `>`, the
 * space after its list marker, or two columns of indentation (`lineNesting`); a word takes
 * two, and a letter of a long word one. So a shorter text cannot, and in a longer one those
 * characters are counted.
 */
function elementsWithin(text: string): boolean {
  // Lines, marks and nesting take at most a character each, words two (a letter and a
  // space), and the letters of long words one.
  const most = limits.elements;
  if ((text.length + 1) * (1 + 1 / (2 * wordWeight) + 1 / longWordWeight) <= most) return true;
  const lines = occurrences(text, '\n', most) + 1;
  const spaces = occurrences(text, ' ', most);
  const tabs = occurrences(text, '\t', most);
  // Every word but a line's first follows a space or a tab.
  const words = spaces + tabs + lines;
  const bound =
    lines +
    marks(text) +
    occurrences(text, '>', most) +
    spaces +
    2 * tabs +
    Math.floor(words / wordWeight) +
    Math.floor(text.length / longWordWeight);
  return bound <= most;
}

/**
 * What the words of a line of text count toward `limits.elements`, in units of
 * `wordWeight × longWordWeight`: each word (a run of characters other than spaces and tabs)
 * `longWordWeight`, and each of its characters after its 63rd `wordWeight`.
 */
function words(line: string): number {
  let count = 0;
  let run = 0;
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code === 32 || code === 9) run = 0;
    else if (++run === 1) count += longWordWeight;
    else if (run > longWord) count += wordWeight;
  }
  return count;
}

/** The inline marks of a line of text (`markCharacters`). */
function marks(line: string): number {
  let count = 0;
  markCharacters.lastIndex = 0;
  while (markCharacters.test(line)) count++;
  return count;
}

/** How many times `text` holds `part`, counted up to `atMost + 1`. */
function occurrences(text: string, part: string, atMost: number): number {
  let count = 0;
  for (let at = text.indexOf(part); at !== -1 && count <= atMost; at = text.indexOf(part, at + 1)) {
    count++;
  }
  return count;
}

/**
 * A count of `part` in `text` stretch by stretch: each call counts those that end by `to`
 * after the ones counted before (each search starts where the last left off, so the counts
 * of all stretches take one pass).
 */
function counter(text: string, part: string): (to: number) => number {
  let at = text.indexOf(part);
  return (to) => {
    let count = 0;
    while (at !== -1 && at + part.length <= to) {
      count++;
      at = text.indexOf(part, at + 1);
    }
    return count;
  };
}

/** The first limit `text` goes over, by a scan of every line (what `overLimit` runs unless `clearlyWithin`). */
export function scanLimits(text: string): string | undefined {
  let footnotes = 0;
  let depth = 0;
  let deepest = 0;
  let nesting = 0;
  let fence: string | undefined;
  /** The block quotes the open fence is in, and the column its marks start at inside them (its lines are indented at least so). */
  let fenceAt = { quotes: 0, column: 0 };
  /**
   * The scan ended a fence at a line that left its containers, and micromark may not have
   * (the scan reads them by the fence's own column): from there on no fence opens, and all
   * is counted, so that a fence read out of step hides nothing.
   */
  let fencesOff = false;
  /** The indentation of the last line read as text (4 or more: it may be indented code, which goes on over blank lines). */
  let lastIndent = 0;
  /** In lines after a line at the margin that starts with `<` (HTML that may be a block, or text), to a blank line. */
  let rawHtml = false;
  let inTable = false;
  /** The end of the HTML block at the margin the scan is in: a line it matches, or a blank line. */
  let html: RegExp | 'blank' | undefined;
  let paragraph: Paragraph | undefined;
  let problem: string | undefined;
  /** Lines and inline marks so far, and words (in `wordUnit`s), and the line that took them over (`limits.elements`). */
  let elements = 0;
  let wordsSoFar = 0;
  let elementsOver: number | undefined;
  const totals: Totals = { emphasis: 0, links: 0, codeScan: 0 };
  const close = (): void => {
    if (paragraph && problem === undefined) problem = closeParagraph(paragraph, totals);
    paragraph = undefined;
  };
  const lines = text.split('\n');
  for (let index = frontMatterEnd(lines); index < lines.length; index++) {
    const line = lines[index] ?? '';
    const first = line.charCodeAt(0);
    // Only lines that start with white space, a marker or a digit can nest.
    const lineDepth =
      first === 32 ||
      first === 9 ||
      first === 62 ||
      first === 45 ||
      first === 42 ||
      first === 43 ||
      (first >= 48 && first <= 57)
        ? lineNesting(line)
        : 0;
    nesting = Math.max(nesting, lineDepth);
    // Every line that is not blank counts, in code and HTML too (each is a line of the PDF),
    // and so does each container it goes on in (the parser reads each again on every line).
    if (elementsOver === undefined && line.trim() !== '') {
      elements += 1 + lineDepth;
      if (elements + Math.floor(wordsSoFar / wordUnit) > limits.elements) elementsOver = index + 1;
    }
    // Inside an HTML block at the margin nothing is parsed (a fence there is text) until its end.
    if (html !== undefined) {
      if (html === 'blank' ? line.trim() === '' : html.test(line)) html = undefined;
      continue;
    }
    // A fence needs three backticks or tildes in a row: most lines have none. None opens in
    // HTML that may be a block: there it would be text, and hide the paragraphs after it.
    const fenceMark =
      (line.includes('```') || line.includes('~~~')) && !rawHtml
        ? fenceOpening.exec(line.replace(containerPrefix, ''))
        : null;
    // A fence in a block quote or a list item ends with it: at a line with fewer block
    // quotes, or less indented inside them than the fence (a fence is never lazy).
    if (fence !== undefined) {
      const rest = inside(line, fenceAt.quotes);
      if (
        rest === undefined ||
        (rest.trim() !== '' && columns(leadingSpace(rest)) < fenceAt.column)
      ) {
        fence = undefined;
        fencesOff = true;
      } else {
        // A closing fence: up to three columns in, nothing after its marks.
        const closing =
          columns(leadingSpace(rest)) - fenceAt.column <= 3
            ? (closingFence.exec(rest.trimStart())?.[1] ?? '')
            : '';
        if (closing[0] === fence[0] && closing.length >= fence.length) fence = undefined;
        continue;
      }
    }
    if (fenceMark?.[1] && !fencesOff) {
      fence = fenceMark[1];
      lastIndent = 0;
      inTable = false;
      const quotesBefore = quoteDepth(line);
      const before = inside(line.slice(0, line.indexOf(fence)), quotesBefore) ?? '';
      fenceAt = {
        quotes: quotesBefore,
        column: columns(
          before.replace(/[-*+]|\d{1,9}[.)]/gu, (marker) => ' '.repeat(marker.length)),
        ),
      };
      // A fence ends a paragraph, and with it every open bracket (`paragraphsWithin` counts on it).
      depth = 0;
      close();
      continue;
    }
    const quotes = first === 62 || first === 32 ? quoteDepth(line) : 0;
    const inner = quotes > 0 ? line.replace(quoteMarkers, '') : line;
    if (line === '' || ((first <= 32 || first >= 128 || quotes > 0) && inner.trim() === '')) {
      // A blank line ends a paragraph, and with it every open bracket.
      depth = 0;
      inTable = false;
      rawHtml = false;
      close();
      continue;
    }
    if (first === 60 && !inTable && !rawHtml && !fencesOff) {
      const end = htmlBlockEnd(line);
      if (end !== undefined) {
        // Kinds 1 to 6 start even in a paragraph, and end it.
        depth = 0;
        close();
        if (end === 'blank' || !end.test(line)) html = end;
        lastIndent = 0;
        inTable = false;
        continue;
      }
      // Kind 7 (any other tag alone on its line) is a block only where no paragraph goes on,
      // which this scan does not follow: its lines are counted as text, with no fence or
      // HTML block starting in them, to a blank line.
      rawHtml = true;
    }
    if (elementsOver === undefined) {
      elements += marks(line);
      wordsSoFar += words(inner);
      if (elements + Math.floor(wordsSoFar / wordUnit) > limits.elements) elementsOver = index + 1;
    }
    if (problem === undefined) problem = scanLine(line, inner, quotes, index);
    if (!line.includes('[') && (depth === 0 || !line.includes(']'))) continue;
    bracket.lastIndex = 0;
    for (let found = bracket.exec(line); found; found = bracket.exec(line)) {
      const at = found.index;
      const code = line.charCodeAt(at);
      if (code === 92) bracket.lastIndex = at + 2;
      else if (code === 91) {
        depth++;
        if (depth > deepest) deepest = depth;
        if (line.charCodeAt(at + 1) === 94) footnotes++;
      } else if (depth > 0) depth--;
    }
  }
  close();
  if (footnotes > limits.footnotes) {
    return `${footnotes} footnote references and entries, over the limit of ${limits.footnotes} per article`;
  }
  if (deepest > limits.bracketDepth) {
    return `brackets nested ${deepest} deep, over the limit of ${limits.bracketDepth}`;
  }
  if (nesting > limits.nesting) {
    return `block quotes or lists nested ${nesting} deep, over the limit of ${limits.nesting}`;
  }
  if (problem === undefined && elementsOver !== undefined) {
    return `more than ${limits.elements} lines and inline marks (a word counts an eighth, each letter of a word after its 63rd a sixth) by line ${elementsOver}, over the limit per article (each costs time to lay out); split the article`;
  }
  return problem;

  /**
   * Add a line to its paragraph: a heading, a list item's first line, a
   * footnote definition's first line, a table row, a block quote deeper than
   * the paragraph's and a link definition after link definitions start one of
   * their own (micromark parses each apart). `inner` is the line inside its
   * block quotes, `quotes` how many.
   */
  function scanLine(
    line: string,
    inner: string,
    quotes: number,
    index: number,
  ): string | undefined {
    // A line that goes on lazily: fewer block quotes, or before its item's content.
    const lazy =
      paragraph !== undefined &&
      (quotes < paragraph.quotes ||
        (paragraph.item !== undefined && columns(leadingSpace(inner)) < paragraph.item));
    // A table needs a header row and a delimiter row that are no lazy lines of a paragraph.
    if (delimiterRow.test(line) && !paragraph?.lazy && !lazy) {
      const columns = line.replace(/^[ \t]*\|?|\|?[ \t]*$/gu, '').split('|').length;
      if (columns > limits.tableColumns)
        return `the table at line ${index + 1} has ${columns} columns, over the limit of ${limits.tableColumns}`;
      inTable = true;
      close();
      return problem;
    }
    const definition = linkDefinition.test(inner);
    const item = listMarker.exec(inner);
    // A table's rows go on to a blank line or a line that starts another block.
    if (
      inTable &&
      (quotes > 0 ||
        heading.test(inner) ||
        thematicBreak.test(inner) ||
        footnoteDefinition.test(inner) ||
        (item !== null && /^(?:[-*+]|1[.)])$/u.test(item[2] ?? '')))
    )
      inTable = false;
    // A list item for sure: a bullet or a 1, an item after an item of the same list, or
    // another number where nothing goes on (micromark starts a list with it only where it
    // interrupts nothing, and an indented code block goes on over blank lines).
    const frame = paragraph?.quotes === quotes ? paragraph.item : undefined;
    const sureItem =
      item !== null &&
      (/^(?:[-*+]|1[.)])$/u.test(item[2] ?? '') ||
        (frame !== undefined && columns(item[1] ?? '') < frame) ||
        (paragraph === undefined && lastIndent < 4));
    lastIndent = columns(leadingSpace(inner));
    if (
      inTable ||
      heading.test(inner) ||
      (item !== null && startsItem(item, frame)) ||
      footnoteDefinition.test(inner) ||
      (paragraph !== undefined &&
        (quotes > paragraph.quotes || (definition && paragraph.definitions)))
    )
      close();
    if (paragraph && !definition) paragraph.definitions = false;
    // A line before the item's content column goes on lazily: micromark then no longer
    // reads the next lines against the item (and neither does the scan).
    if (paragraph && lazy) {
      paragraph.item = undefined;
      paragraph.lazy = true;
    }
    paragraph ??= {
      line: index + 1,
      quotes,
      definitions: definition,
      item: item && sureItem ? paragraphItem(item, inner) : undefined,
      lazy: false,
      characters: 0,
      emphasisMarkers: 0,
      linkOpeners: 0,
      ticks: [],
    };
    scanInline(line.replace(quotePrefix, ''), paragraph);
    return problem;
  }
}

/**
 * Whether a list item's line (`listMarker`, not blank after its marker) ends the paragraph
 * before it, as micromark reads it, or is sure to. After a list item's first line (in as
 * many block quotes) whose content starts at column `content`: a marker at up to three
 * columns past it starts a sublist (which a number other than 1 cannot start in a
 * paragraph), one further in is text, and one before it within three columns of the margin
 * starts another item. After any other line: a bullet or a `1.` within three columns of the
 * margin. Anything else goes on counting in the paragraph (more, never less: a marker of a
 * list between those columns may start an item micromark parses apart).
 */
function startsItem(item: RegExpExecArray, content: number | undefined): boolean {
  const indent = columns(item[1] ?? '');
  const bulletOrOne = /^(?:[-*+]|1[.)])$/u.test(item[2] ?? '');
  if (content === undefined || indent < content)
    return indent <= 3 && (content !== undefined || bulletOrOne);
  return indent < content + 4 && bulletOrOne;
}

/**
 * The content column of the list item a paragraph starts with, when it surely starts one
 * (within three columns of the margin, a letter after one to four spaces: not code, a
 * heading or another block), else `undefined` (the scan then reads on as at the margin).
 */
function paragraphItem(item: RegExpExecArray, inner: string): number | undefined {
  const marker = columns(`${item[1] ?? ''}${item[2] ?? ''}`);
  const after = columns(`${item[1] ?? ''}${item[2] ?? ''}${item[3] ?? ''}`) - marker;
  if (columns(item[1] ?? '') > 3 || after >= 5) return undefined;
  return startsText.test(inner.slice(item[0].length)) ? marker + after : undefined;
}

/** The columns `text` takes from the margin (a tab goes to the next multiple of four). */
function columns(space: string): number {
  let column = 0;
  for (const character of space)
    column = character === '\t' ? column + 4 - (column % 4) : column + 1;
  return column;
}

/** `line` after its first `quotes` block quote markers, or `undefined` when it has fewer. */
function inside(line: string, quotes: number): string | undefined {
  let rest = line;
  for (let count = 0; count < quotes; count++) {
    const marker = /^ {0,3}>[ \t]?/u.exec(rest);
    if (!marker) return undefined;
    rest = rest.slice(marker[0].length);
  }
  return rest;
}

/** The spaces and tabs `text` starts with. */
function leadingSpace(text: string): string {
  return /^[ \t]*/u.exec(text)?.[0] ?? '';
}

/** How many block quotes a line starts with (`quoteMarkers`). */
function quoteDepth(line: string): number {
  const markers = quoteMarkers.exec(line)?.[0] ?? '';
  let count = 0;
  for (const character of markers) if (character === '>') count++;
  return count;
}

/** The end of the HTML block a line at the margin starts (kinds 1 to 6), or `undefined`. */
function htmlBlockEnd(line: string): RegExp | 'blank' | undefined {
  for (const [start, end] of htmlUntil) if (start.test(line)) return end;
  return htmlToBlank.test(line) ? 'blank' : undefined;
}

/** The index of the first line after YAML front matter (0 when there is none): the front matter has its own limits. */
function frontMatterEnd(lines: readonly string[]): number {
  if (lines[0]?.replace(/^\uFEFF/u, '').trimEnd() !== '---') return 0;
  const end = lines.findIndex((line, index) => index > 0 && /^(?:---|\.\.\.)[ \t]*$/u.test(line));
  return end === -1 ? 0 : end + 1;
}

/**
 * Count the emphasis markers that may close (those of a run after a character
 * other than white space: micromark looks back from each for an opener), link
 * openers and backtick runs of one line of a paragraph.
 */
function scanInline(line: string, paragraph: Paragraph): void {
  const offset = paragraph.characters;
  paragraph.characters += line.length + 1;
  if (thematicBreak.test(line)) return;
  // Jump from one character that counts to the next: most of a line is prose.
  inlineMark.lastIndex = 0;
  for (let found = inlineMark.exec(line); found; found = inlineMark.exec(line)) {
    const at = found.index;
    const code = line.charCodeAt(at);
    let end = at + 1;
    if (code === 92) end = at + 2;
    else if (code === 42 || code === 95) {
      while (line.charCodeAt(end) === code) end++;
      const before = line[at - 1] ?? ' ';
      const after = line[end] ?? ' ';
      // `_` inside a word (`snake_case`) neither opens nor closes.
      const inWord = code === 95 && wordCharacter.test(before) && wordCharacter.test(after);
      if (!/\s/u.test(before) && !inWord) paragraph.emphasisMarkers += end - at;
    } else if (code === 93) {
      if (line.charCodeAt(at + 1) === 40) paragraph.linkOpeners++;
    } else {
      while (line.charCodeAt(end) === 96) end++;
      paragraph.ticks.push({ at: offset + at, length: end - at });
    }
    inlineMark.lastIndex = end;
  }
}

/** Add a finished paragraph to the totals; the limit it takes them over, if any. */
function closeParagraph(paragraph: Paragraph, totals: Totals): string | undefined {
  if (paragraph.characters > limits.paragraphCharacters)
    return `the paragraph at line ${paragraph.line} is over the limit of ${limits.paragraphCharacters} characters; break it into paragraphs`;
  totals.emphasis += paragraph.emphasisMarkers ** 2;
  if (totals.emphasis > limits.emphasisMarkers ** 2)
    return `the paragraph at line ${paragraph.line} has ${paragraph.emphasisMarkers} closing \`*\` and \`_\`, over the limit of ${limits.emphasisMarkers} (fewer when several paragraphs have many: the parser's time grows with their square); escape them (\`\\*\`) or use a code block`;
  totals.links += paragraph.linkOpeners ** 2;
  if (totals.links > limits.linkOpeners ** 2)
    return `the paragraph at line ${paragraph.line} has ${paragraph.linkOpeners} \`](\`, over the limit of ${limits.linkOpeners} (fewer when several paragraphs have many: the parser's time grows with their square)`;
  totals.codeScan += codeSpanScan(paragraph);
  if (totals.codeScan > limits.codeSpanScan)
    return `the paragraph at line ${paragraph.line} has ${paragraph.ticks.length} runs of backticks that do not pair up, over what the parser can match in reasonable time; use a code block`;
  return undefined;
}

/**
 * How many characters micromark scans for the code spans of a paragraph: a run
 * of backticks scans on to the next run of the same length (and the two make a
 * code span), or, when there is none, to the end of the paragraph.
 */
function codeSpanScan(paragraph: Paragraph): number {
  const { ticks } = paragraph;
  const nextSame = new Array<number>(ticks.length).fill(-1);
  const seen = new Map<number, number>();
  for (let index = ticks.length - 1; index >= 0; index--) {
    const length = ticks[index]?.length ?? 0;
    nextSame[index] = seen.get(length) ?? -1;
    seen.set(length, index);
  }
  let scanned = 0;
  for (let index = 0; index < ticks.length; index++) {
    const at = ticks[index]?.at ?? 0;
    const closer = nextSame[index] ?? -1;
    if (closer === -1) scanned += paragraph.characters - at;
    else {
      scanned += (ticks[closer]?.at ?? 0) - at;
      index = closer;
    }
  }
  return scanned;
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
