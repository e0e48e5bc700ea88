/**
 * Total-fit line breaking (Knuth & Plass, "Breaking Paragraphs into Lines",
 * Software: Practice and Experience 11, 1981), as TeX does it: a paragraph is
 * a list of boxes, glue and penalties; every legal breakpoint is weighed by
 * the demerits of the lines it ends, and the breaks with the least total
 * demerits win (looseness 0). Pure: items and widths in, breakpoints out.
 */

/** Something of fixed width: a word, a part of a word, a note call. */
export interface Box {
  type: 'box';
  width: number;
}

/** Space that may stretch and shrink; a legal breakpoint when a box comes before it. */
export interface Glue {
  type: 'glue';
  width: number;
  stretch: number;
  shrink: number;
}

/**
 * A possible break with its cost: `width` is set only when the line breaks
 * here (a hyphen); `cost` ≥ `never` forbids the break, ≤ `-never` forces it;
 * a flagged penalty is a hyphen (two in a row cost `flaggedDemerits`).
 */
export interface Penalty {
  type: 'penalty';
  width: number;
  cost: number;
  flagged: boolean;
}

export type Item = Box | Glue | Penalty;

/** TeX's infinite penalty: a break that never happens, or (negated) always does. */
export const never = 10_000;

export interface BreakOptions {
  /** Highest badness (100·|r|³) a line may have; `Infinity` takes any line that is not overfull. */
  tolerance: number;
  /** Added to every line's badness before squaring (TeX's \linepenalty). */
  linePenalty: number;
  /** Two flagged breaks in a row (TeX's \doublehyphendemerits). */
  flaggedDemerits: number;
  /** A flagged break before the last line (TeX's \finalhyphendemerits). */
  finalFlaggedDemerits: number;
  /** Lines of fitness classes more than one apart in a row (TeX's \adjdemerits). */
  fitnessDemerits: number;
  /** More flagged breaks in a row than this are not allowed at all. */
  maxFlaggedInRow: number;
}

export const defaultOptions: BreakOptions = {
  tolerance: 200,
  linePenalty: 10,
  flaggedDemerits: 10_000,
  finalFlaggedDemerits: 5_000,
  fitnessDemerits: 10_000,
  maxFlaggedInRow: 2,
};

/** One line of the result: the items from `start` up to (not including) the break at `end`. */
export interface Break {
  /** Index of the first item of the line (glue and penalties after a break are dropped). */
  start: number;
  /** Index of the item the line breaks at. */
  end: number;
  /** Adjustment ratio: how far the glue stretches (> 0) or shrinks (< 0), in units of its stretch or shrink. */
  ratio: number;
  /** The line ends at a flagged penalty (a hyphen). */
  flagged: boolean;
}

interface Node {
  position: number;
  line: number;
  fitness: number;
  /** Sums of the widths, stretch and shrink of the items after the break. */
  width: number;
  stretch: number;
  shrink: number;
  demerits: number;
  ratio: number;
  flaggedInRow: number;
  previous: Node | undefined;
}

interface Totals {
  width: number;
  stretch: number;
  shrink: number;
}

/** Badness of a line whose glue is set at ratio `r`: TeX's 100·|r|³, capped at 10,000 (infinitely bad). */
export function badness(ratio: number): number {
  if (!Number.isFinite(ratio)) return never;
  const size = Math.abs(ratio);
  return Math.min(never, 100 * size * size * size);
}

/**
 * Badness without TeX's cap, for the last pass that takes any line: there
 * every line over the cap would be "infinitely bad" alike, and a line of one
 * word with no glue at all could win over one merely loose (TeX has
 * \emergencystretch for that). A line with no glue to stretch is worst.
 */
export function rawBadness(ratio: number): number {
  if (!Number.isFinite(ratio)) return 1e15;
  const size = Math.abs(ratio);
  return 100 * size * size * size;
}

/** The paper's fitness classes: 0 tight, 1 decent, 2 loose, 3 very loose. */
export function fitnessClass(ratio: number): number {
  if (ratio < -0.5) return 0;
  if (ratio <= 0.5) return 1;
  if (ratio <= 1) return 2;
  return 3;
}

/**
 * The breaks of least total demerits that set `items` in lines of
 * `widths[i]` (the last width repeats), or `undefined` when no breaking has
 * every line within the tolerance. The paragraph must end with a forced break.
 */
export function totalFit(
  items: readonly Item[],
  widths: readonly number[],
  options: Partial<BreakOptions> = {},
): Break[] | undefined {
  const settings: BreakOptions = { ...defaultOptions, ...options };
  const widthOf = (line: number): number =>
    widths[Math.min(line, widths.length - 1)] ?? Number.POSITIVE_INFINITY;
  const sum: Totals = { width: 0, stretch: 0, shrink: 0 };
  let active: Node[] = [
    {
      position: 0,
      line: 0,
      fitness: 1,
      width: 0,
      stretch: 0,
      shrink: 0,
      demerits: 0,
      ratio: 0,
      flaggedInRow: 0,
      previous: undefined,
    },
  ];
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as Item;
    if (item.type === 'box') {
      sum.width += item.width;
      continue;
    }
    const legal = item.type === 'glue' ? items[index - 1]?.type === 'box' : item.cost < never;
    if (legal) {
      active = considerBreak(
        items,
        index,
        active,
        sum,
        { widthOf, lines: widths.length },
        settings,
      );
      if (active.length === 0) return undefined;
    }
    if (item.type === 'glue') {
      sum.width += item.width;
      sum.stretch += item.stretch;
      sum.shrink += item.shrink;
    }
  }
  const best = active.reduce<Node | undefined>(
    (found, node) => (!found || node.demerits < found.demerits ? node : found),
    undefined,
  );
  if (!best || best.position !== items.length - 1) return undefined;
  return breaksOf(items, best);
}

/**
 * Weigh a break at `index` against every active node: drop the nodes whose
 * line would be overfull (or that a forced break ends), and add the best new
 * node for each fitness class, run of hyphens and line number.
 */
function considerBreak(
  items: readonly Item[],
  index: number,
  active: Node[],
  sum: Totals,
  { widthOf, lines }: { widthOf: (line: number) => number; lines: number },
  settings: BreakOptions,
): Node[] {
  const item = items[index] as Glue | Penalty;
  const penalty = item.type === 'penalty' ? item : undefined;
  const forced = penalty !== undefined && penalty.cost <= -never;
  const flagged = penalty?.flagged === true;
  // The loosest ratio the tolerance allows: most nodes are too far back for a line to reach them.
  const loosest = Math.cbrt(settings.tolerance / 100);
  const tolerant = settings.tolerance < never;
  // Nodes end here when a line from them would be overfull: the oldest first, so these are
  // only dropped from the front of the list; the list is copied only when a node ends after
  // one that is kept (or a forced break ends them all, which empties it).
  let dropped = 0;
  let kept: Node[] | undefined;
  let candidates: Map<number, Node> | undefined;
  let after: Totals | undefined;
  for (let at = 0; at < active.length; at++) {
    const node = active[at] as Node;
    const target = widthOf(node.line);
    const length = sum.width - node.width + (penalty?.width ?? 0);
    const ratio = adjustment(length, target, sum.stretch - node.stretch, sum.shrink - node.shrink);
    // Too loose from here, and so from every later node: with one width for every line,
    // a later node's line is shorter and has no more stretch (a ragged line's stretch is the
    // same from every break), so its ratio is higher still. Those nodes stay as they are.
    // (A paragraph of one-letter words had ~100 such nodes for each of its breakpoints.)
    if (length < target && ratio > loosest && !forced && lines === 1 && tolerant) {
      if (kept) for (let rest = at; rest < active.length; rest++) kept.push(active[rest] as Node);
      break;
    }
    const ends = ratio < -1 || forced;
    if (ends) {
      if (kept === undefined && at === dropped) dropped++;
      else kept ??= active.slice(dropped, at);
    } else kept?.push(node);
    if (ratio < -1 || (ratio > loosest && settings.tolerance < never)) continue;
    const bad =
      settings.tolerance === Number.POSITIVE_INFINITY ? rawBadness(ratio) : badness(ratio);
    if (bad > settings.tolerance) continue;
    const flaggedInRow = flagged ? node.flaggedInRow + 1 : 0;
    if (flaggedInRow > settings.maxFlaggedInRow) continue;
    const fitness = fitnessClass(ratio);
    const demerits =
      node.demerits + lineDemerits(bad, penalty, node, fitness, flagged, forced, items, settings);
    // Nodes past the last distinct width have the same future: one per fitness and run of hyphens.
    const key =
      fitness +
      4 * (flaggedInRow + (settings.maxFlaggedInRow + 1) * Math.min(node.line + 1, lines - 1));
    candidates ??= new Map();
    const known = candidates.get(key);
    if (known && known.demerits <= demerits) continue;
    after ??= totalsAfter(items, index, sum);
    candidates.set(key, {
      position: index,
      line: node.line + 1,
      fitness,
      ...after,
      demerits,
      ratio,
      flaggedInRow,
      previous: node,
    });
  }
  if (kept === undefined && dropped > 0) active.splice(0, dropped);
  const next = kept ?? active;
  // The caller replaces its list with the one returned: new nodes join it in place.
  if (candidates)
    for (const node of undominated([...candidates.values()], settings, lines)) next.push(node);
  return next;
}

/**
 * Drop a new node that another at the same place beats by more than any
 * future line can make up: the next line's demerits from either differ by at
 * most the fitness demerits, and a node with fewer hyphens in a row may do
 * all the other can (TeX keeps only nodes within \adjdemerits of the best).
 */
function undominated(nodes: Node[], settings: BreakOptions, lines: number): Node[] {
  const width = (node: Node): number => Math.min(node.line, lines - 1);
  if (nodes.length < 2) return nodes;
  return nodes.filter(
    (node) =>
      !nodes.some(
        (other) =>
          other !== node &&
          width(other) === width(node) &&
          other.flaggedInRow <= node.flaggedInRow &&
          other.demerits + settings.fitnessDemerits < node.demerits,
      ),
  );
}

/** The glue's adjustment ratio for a line of natural `length` set to `target`. */
function adjustment(length: number, target: number, stretch: number, shrink: number): number {
  if (length < target) return stretch > 0 ? (target - length) / stretch : Number.POSITIVE_INFINITY;
  if (length > target) return shrink > 0 ? (target - length) / shrink : Number.NEGATIVE_INFINITY;
  return 0;
}

/** Demerits of one line (the paper's formula, with TeX's extras for hyphens and fitness). */
function lineDemerits(
  bad: number,
  penalty: Penalty | undefined,
  node: Node,
  fitness: number,
  flagged: boolean,
  forced: boolean,
  items: readonly Item[],
  settings: BreakOptions,
): number {
  const cost = penalty?.cost ?? 0;
  let demerits = (settings.linePenalty + bad) ** 2;
  if (cost >= 0) demerits += cost ** 2;
  else if (cost > -never) demerits -= cost ** 2;
  const previousFlagged = isFlagged(items[node.position]) && node.position > 0;
  if (flagged && previousFlagged) demerits += settings.flaggedDemerits;
  if (forced && previousFlagged) demerits += settings.finalFlaggedDemerits;
  if (Math.abs(fitness - node.fitness) > 1) demerits += settings.fitnessDemerits;
  return demerits;
}

function isFlagged(item: Item | undefined): boolean {
  return item?.type === 'penalty' && item.flagged;
}

/** The sums a line starting after a break at `index` counts from: glue and penalties after it are dropped. */
function totalsAfter(items: readonly Item[], index: number, sum: Totals): Totals {
  const totals = { ...sum };
  for (let next = index; next < items.length; next++) {
    const item = items[next] as Item;
    if (item.type === 'box') break;
    if (item.type === 'glue') {
      totals.width += item.width;
      totals.stretch += item.stretch;
      totals.shrink += item.shrink;
    } else if (item.cost <= -never && next > index) break;
  }
  return totals;
}

/** Walk back from the last node to the first and list the lines. */
function breaksOf(items: readonly Item[], last: Node): Break[] {
  const nodes: Node[] = [];
  for (let node: Node | undefined = last; node?.previous; node = node.previous) nodes.unshift(node);
  let start = 0;
  return nodes.map((node) => {
    const line: Break = {
      start,
      end: node.position,
      ratio: node.ratio,
      flagged: isFlagged(items[node.position]),
    };
    start = firstAfter(items, node.position);
    return line;
  });
}

/** Index of the first item a line keeps after a break at `index` (the next box, or a forced break). */
function firstAfter(items: readonly Item[], index: number): number {
  let next = index + 1;
  while (next < items.length) {
    const item = items[next] as Item;
    if (item.type === 'box' || (item.type === 'penalty' && item.cost <= -never)) break;
    next++;
  }
  return next;
}
