/**
 * Words into rows by total fit: a paragraph's words become Knuth–Plass
 * boxes, glue and penalties (see knuth-plass.ts), in passes as TeX makes
 * them. First without hyphenation (ragged text), then with it; then with
 * looser lines; last, in an emergency, any loose line, and breaks inside a
 * word wider than the line (a URL after `/` or before `. - ? & =`, else
 * between letters), so that no line ever runs past its measure.
 */
import type { Face } from './fonts.js';
import { breakPoints } from './hyphenate.js';
import { type BreakOptions, type Item, never, totalFit } from './knuth-plass.js';

const combiningMark = /\p{M}/u;

/** What the breaker needs of a piece of a word. */
export interface WordPiece {
  text: string;
  face: Face;
  size: number;
  width: number;
  link?: string;
  goTo?: string;
  lang?: string;
}

export interface Word<P extends WordPiece> {
  pieces: P[];
  width: number;
  notes: number[];
  /** A forced line break follows. */
  breakAfter: boolean;
}

export interface Row<P extends WordPiece> {
  words: Array<Word<P>>;
  /** The row ends with a word broken by a hyphen. */
  hyphen: boolean;
  /** The row ends inside a word (at a hyphen, or in an emergency after URL punctuation or a letter). */
  split: boolean;
}

export interface RowSetting {
  size: number;
  lang: string;
  /** Whether words may be hyphenated (not in display titles); default true. */
  hyphenate?: boolean;
  measure: (text: string, face: Face, size: number) => number;
}

/** Where a word may break: after `at` characters of piece `piece`. */
interface Cut {
  piece: number;
  at: number;
  kind: 'hyphen' | 'url' | 'letter';
}

/** A word, or the part of it between two cuts, as one box. */
interface Fragment {
  word: number;
  /** Piece index and character offset where the fragment starts, and where it ends. */
  from: [number, number];
  to: [number, number];
}

/**
 * Interword glue: shrink a third of the space, as TeX's roman fonts; stretch
 * a third too, not TeX's half, since font expansion adds its own stretch (a
 * half put the Turkish fixture's median space at 1.12 of the natural one, a
 * third at 1.05).
 */
const stretchShare = 1 / 3;
const shrinkShare = 1 / 3;
/** The stretch a ragged line may take at its end (Knuth & Plass's ragged right: 3 spaces). */
const raggedShare = 3;
const fill = 1e9;
/**
 * Font expansion, as pdfTeX's microtype does it: the glyphs of a justified
 * line may be set up to 2% wider or narrower (pdfkit's horizontal scaling),
 * so that its spaces stretch and shrink less. The breaker counts it as stretch
 * and shrink of the glue before each word; `expansionOf` shares a line's
 * adjustment between the two in the same proportion.
 */
export const expansion = 0.02;
/** Cost of a break at a hyphenation point (TeX's \hyphenpenalty), after URL punctuation, and between letters. */
const costs = { hyphen: 50, url: 200, letter: 2000 };

/**
 * TeX's passes: \pretolerance without hyphens (ragged text only: with a
 * third's stretch and font expansion, justified text almost never passes it
 * at a useful tolerance, and the pass doubled the time), \tolerance with them, then
 * looser (badness 800: a word space of at most twice its width, with a
 * third's stretch and font expansion), then anything that fits, with
 * emergency breaks inside words. Ragged text takes any loose line before it
 * breaks a URL: a short ragged line costs nothing to the eye.
 */
const justifiedPasses: Pass[] = [
  { cuts: ['hyphen'], options: { tolerance: 200 } },
  { cuts: ['hyphen'], options: { tolerance: 800 } },
  { cuts: ['hyphen', 'url', 'letter'], options: { tolerance: Number.POSITIVE_INFINITY } },
];
const raggedPasses: Pass[] = [
  { cuts: [], options: { tolerance: 100 } },
  { cuts: ['hyphen'], options: { tolerance: 200 } },
  { cuts: ['hyphen'], options: { tolerance: Number.POSITIVE_INFINITY } },
  { cuts: ['hyphen', 'url', 'letter'], options: { tolerance: Number.POSITIVE_INFINITY } },
];

interface Pass {
  cuts: ReadonlyArray<Cut['kind']>;
  options: Partial<BreakOptions>;
}

/**
 * Break `words` into rows of at most `width`: justified rows spread their
 * spaces evenly (the caller does so), ragged rows (`align` left) keep them
 * natural and make the right edge as even as the words allow.
 */
export function rowsByTotalFit<P extends WordPiece>(
  words: Array<Word<P>>,
  width: number,
  align: 'justify' | 'left',
  setting: RowSetting,
): Array<Row<P>> {
  if (words.length === 0) return [];
  // Measuring a table's columns asks for the natural width (no limit) and the widest word (no room).
  if (width === Number.POSITIVE_INFINITY) return forcedRows(words);
  if (width <= 0) return words.map((word) => ({ words: [word], hyphen: false, split: false }));
  const space = setting.measure(' ', 'regular', setting.size);
  // A rounding error's tolerance: a table cell is exactly as wide as its widest word.
  const target = width + 1e-7;
  for (const pass of align === 'left' ? raggedPasses : justifiedPasses) {
    const paragraph = itemsOf(words, pass.cuts, target, align, space, setting);
    const breaks = totalFit(paragraph.items, [target], pass.options);
    if (breaks) return rowsOf(words, paragraph, breaks, setting);
  }
  // Only a single glyph wider than the measure leaves no breaking at all: one word a row.
  return words.map((word) => ({ words: [word], hyphen: false, split: false }));
}

/** Rows that end only where the text forces a break. */
function forcedRows<P extends WordPiece>(words: Array<Word<P>>): Array<Row<P>> {
  const rows: Array<Row<P>> = [{ words: [], hyphen: false, split: false }];
  words.forEach((word, index) => {
    rows[rows.length - 1]?.words.push(word);
    if (word.breakAfter && index < words.length - 1)
      rows.push({ words: [], hyphen: false, split: false });
  });
  return rows;
}

/** The paragraph as boxes, glue and penalties, with the fragment each box stands for. */
function itemsOf<P extends WordPiece>(
  words: Array<Word<P>>,
  kinds: ReadonlyArray<Cut['kind']>,
  width: number,
  align: 'justify' | 'left',
  space: number,
  setting: RowSetting,
): { items: Item[]; fragments: Map<number, Fragment>; cutsAt: Set<number> } {
  const items: Item[] = [];
  const fragments = new Map<number, Fragment>();
  const cutsAt = new Set<number>();
  const ragged = align === 'left';
  const hyphenWidth = setting.measure('-', 'regular', setting.size);
  /** A breakpoint inside a word; ragged text lets the line end short there too. */
  const cut = (width: number, cost: number, flagged: boolean): void => {
    if (ragged) {
      items.push({ type: 'penalty', width: 0, cost: never, flagged: false });
      items.push({ type: 'glue', width: 0, stretch: raggedShare * space, shrink: 0 });
    }
    cutsAt.add(items.length);
    items.push({ type: 'penalty', width, cost, flagged });
    if (ragged) items.push({ type: 'glue', width: 0, stretch: -raggedShare * space, shrink: 0 });
  };
  const end = (): void => {
    items.push({ type: 'glue', width: 0, stretch: fill, shrink: 0 });
    items.push({ type: 'penalty', width: 0, cost: -never, flagged: false });
  };
  words.forEach((word, index) => {
    const cuts = kinds.length > 0 ? cutsOf(word, kinds, width, setting) : [];
    let from: [number, number] = [0, 0];
    for (const each of [...cuts, undefined]) {
      const to: [number, number] = each
        ? [each.piece, each.at]
        : [word.pieces.length - 1, word.pieces[word.pieces.length - 1]?.text.length ?? 0];
      fragments.set(items.length, { word: index, from, to });
      items.push({ type: 'box', width: fragmentWidth(word, from, to, setting) });
      if (each) {
        const hyphen = each.kind === 'hyphen';
        cut(hyphen ? hyphenWidth : 0, costs[each.kind], hyphen);
        from = to;
      }
    }
    if (word.breakAfter || index === words.length - 1) end();
    else if (ragged) {
      items.push({ type: 'glue', width: 0, stretch: raggedShare * space, shrink: 0 });
      items.push({ type: 'penalty', width: 0, cost: 0, flagged: false });
      items.push({ type: 'glue', width: space, stretch: -raggedShare * space, shrink: 0 });
    } else {
      const next = (words[index + 1]?.width ?? 0) * expansion;
      items.push({
        type: 'glue',
        width: space,
        stretch: space * stretchShare + next,
        shrink: space * shrinkShare + next,
      });
    }
  });
  return { items, fragments, cutsAt };
}

/**
 * Where a word may break: at hyphenation points of a plain word; in an
 * emergency after URL punctuation, or between any two letters.
 */
function cutsOf<P extends WordPiece>(
  word: Word<P>,
  kinds: ReadonlyArray<Cut['kind']>,
  width: number,
  setting: RowSetting,
): Cut[] {
  const cuts: Cut[] = [];
  const [only] = word.pieces;
  const hyphenate = kinds.includes('hyphen') && setting.hyphenate !== false;
  if (hyphenate && word.pieces.length === 1 && only && !only.link && !only.goTo) {
    for (const at of breakPoints(only.text, only.lang ?? setting.lang))
      cuts.push({ piece: 0, at, kind: 'hyphen' });
  }
  // Only a word wider than the line is broken in an emergency: any other waits for a looser line.
  if (!kinds.includes('letter') || word.width <= width) return cuts;
  // In an emergency: after a slash, before other URL punctuation (so that no
  // line ends with a hyphen a reader would take for a broken word), and
  // between any two letters that no hyphenation point already separates.
  const taken = new Set(cuts.map((each) => `${each.piece}/${each.at}`));
  word.pieces.forEach((piece, index) => {
    const characters = Array.from(piece.text);
    let at = 0;
    characters.forEach((character, position) => {
      at += character.length;
      const next = characters[position + 1];
      if (next === undefined || combiningMark.test(next) || taken.has(`${index}/${at}`)) return;
      const kind = character === '/' || /[.\-?&=_]/.test(next) ? 'url' : 'letter';
      if (kind === 'letter' && /[/.\-?&=_]/.test(character)) return;
      cuts.push({ piece: index, at, kind });
    });
  });
  return cuts.sort((a, b) => a.piece - b.piece || a.at - b.at);
}

/** Width of the part of `word` from one cut to another (whole pieces use their measured width). */
function fragmentWidth<P extends WordPiece>(
  word: Word<P>,
  from: [number, number],
  to: [number, number],
  setting: RowSetting,
): number {
  let width = 0;
  for (let index = from[0]; index <= to[0]; index++) {
    const piece = word.pieces[index];
    if (!piece) continue;
    const start = index === from[0] ? from[1] : 0;
    const stop = index === to[0] ? to[1] : piece.text.length;
    if (start === 0 && stop === piece.text.length) width += piece.width;
    else if (stop > start)
      width += setting.measure(piece.text.slice(start, stop), piece.face, piece.size);
  }
  return width;
}

/** Rows from the chosen breaks: whole words as they were, broken ones cut into new words. */
function rowsOf<P extends WordPiece>(
  words: Array<Word<P>>,
  { fragments, cutsAt }: { fragments: Map<number, Fragment>; cutsAt: Set<number> },
  breaks: ReadonlyArray<{ start: number; end: number; flagged: boolean }>,
  setting: RowSetting,
): Array<Row<P>> {
  return breaks.map(({ start, end, flagged }) => {
    const parts: Fragment[] = [];
    for (let index = start; index < end; index++) {
      const fragment = fragments.get(index);
      if (fragment) parts.push(fragment);
    }
    // Fragments of one word side by side on a row are one word again.
    const spans: Fragment[] = [];
    for (const fragment of parts) {
      const previous = spans[spans.length - 1];
      if (previous && previous.word === fragment.word) previous.to = fragment.to;
      else spans.push({ ...fragment });
    }
    const rowWords = spans.map((span) => wordOf(span, words, setting));
    const last = rowWords[rowWords.length - 1];
    if (flagged && last) rowWords[rowWords.length - 1] = withHyphen(last, setting);
    return { words: rowWords, hyphen: flagged, split: cutsAt.has(end) };
  });
}

/** The word a fragment stands for: the word itself when whole. */
function wordOf<P extends WordPiece>(
  fragment: Fragment,
  words: Array<Word<P>>,
  setting: RowSetting,
): Word<P> {
  const word = words[fragment.word] as Word<P>;
  const lastPiece = word.pieces.length - 1;
  const whole =
    fragment.from[0] === 0 &&
    fragment.from[1] === 0 &&
    fragment.to[0] === lastPiece &&
    fragment.to[1] === (word.pieces[lastPiece]?.text.length ?? 0);
  if (whole) return word;
  const pieces: P[] = [];
  for (let index = fragment.from[0]; index <= fragment.to[0]; index++) {
    const piece = word.pieces[index] as P;
    const start = index === fragment.from[0] ? fragment.from[1] : 0;
    const stop = index === fragment.to[0] ? fragment.to[1] : piece.text.length;
    if (stop <= start) continue;
    const text = piece.text.slice(start, stop);
    pieces.push(
      text === piece.text
        ? piece
        : { ...piece, text, width: setting.measure(text, piece.face, piece.size) },
    );
  }
  const endsWord =
    fragment.to[0] === lastPiece && fragment.to[1] === (word.pieces[lastPiece]?.text.length ?? 0);
  return {
    pieces,
    width: pieces.reduce((sum, piece) => sum + piece.width, 0),
    notes: endsWord ? word.notes : [],
    breakAfter: endsWord ? word.breakAfter : false,
  };
}

/** The head of a broken word with its hyphen, measured whole. */
function withHyphen<P extends WordPiece>(word: Word<P>, setting: RowSetting): Word<P> {
  const pieces = [...word.pieces];
  const last = pieces[pieces.length - 1];
  if (!last) return word;
  const text = `${last.text}-`;
  pieces[pieces.length - 1] = { ...last, text, width: setting.measure(text, last.face, last.size) };
  return { ...word, pieces, width: pieces.reduce((sum, piece) => sum + piece.width, 0) };
}

/**
 * How much to widen (> 0) or narrow (< 0) the glyphs of a justified row of
 * words `natural` wide in all, with `spaces` word spaces of `space`, to fill
 * `width`: the share of the adjustment its expansion took in the breaker,
 * never beyond ±2%. The spaces take the rest.
 */
export function expansionOf(natural: number, spaces: number, space: number, width: number): number {
  if (spaces === 0 || natural <= 0) return 0;
  const needed = width - natural - spaces * space;
  const glue = spaces * space * (needed > 0 ? stretchShare : shrinkShare);
  const glyphs = natural * expansion;
  const share = (needed * glyphs) / (glue + glyphs) / natural;
  return Math.max(-expansion, Math.min(expansion, share));
}
