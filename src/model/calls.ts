import type { Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { isEscaped, labelEnd, labelKey } from './labels.js';
import { indexTree, walk } from './tree-index.js';

/** A place where micromark makes a footnote call `[^label]` when `label` has an entry. */
export interface CallSite {
  /** The label as written. */
  label: string;
  /** Offset of `[` in the source. */
  start: number;
  /** Offset just after `]`. */
  end: number;
}

/** A front matter fence line (`---` or `+++`, trailing spaces allowed). */
const fence = /^(?:---|\+\+\+)[ \t]*(?:\r?\n|\r|$)/u;

/**
 * Whether the file opens with a front matter fence that is never closed.
 * micromark (its front matter extension, 2.0) then reads no footnote entry,
 * block quote or list anywhere in the file: every `[^x]: …` is a link
 * definition or text, so no `[^x]` can be a footnote call.
 */
export function unclosedFrontMatter(tree: Root, source: string): boolean {
  const first = tree.children[0]?.type;
  return fence.test(source) && first !== 'yaml' && first !== 'toml';
}

/**
 * Every place of `source` where micromark makes a footnote call when its label
 * is defined — defined or not. micromark leaves an undefined `[^x]` as text,
 * and whatever is inside the brackets (`*x*`, `` `x` ``, `www.x.com`) is then
 * parsed as markup and splits it across nodes, so the source of each block of
 * text is scanned, not each text node. micromark tries a call at every `[` of
 * text that no construct starting earlier consumed: so not in code, HTML,
 * autolinks (`<…>` and literal `www.`/`http://`), images, the destination or
 * reference part of a link, nor after an escaping backslash; the label is
 * read as written, whatever markup it holds (see `labelEnd`). `![^x]` calls
 * `x` too, when it is not an image.
 *
 * `unsettled` holds the keys of the rare labels whose undefined call starts
 * a construct that runs past it (`` [^`x] … ` `` opens a code span, `[^x](…)`
 * a link): defined, the call would end that construct, and what follows
 * would parse otherwise. `settle` finds their places with micromark.
 */
export function callSites(
  tree: Root,
  source: string,
): { sites: CallSite[]; unsettled: Set<string> } {
  const sites: CallSite[] = [];
  const unsettled = new Set<string>();
  if (!source.includes('[^')) return { sites, unsettled };
  for (const node of indexTree(tree).textBlocks) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    const call = source.indexOf('[^', start);
    if (call === -1) break;
    // Most blocks hold no call: their constructs need not be looked at.
    if (call >= end) continue;
    scanBlock(source, start, end, consumed(node, source), sites, unsettled);
  }
  return { sites, unsettled };
}

/**
 * The call sites with those of each unsettled label replaced by the calls
 * micromark (`reparse`) makes in the source with an entry for that label added.
 */
export function settle(
  found: { sites: CallSite[]; unsettled: Set<string> },
  source: string,
  reparse: (text: string) => Root,
): CallSite[] {
  const { sites, unsettled } = found;
  if (unsettled.size === 0) return sites;
  const settled = sites.filter((site) => !unsettled.has(labelKey(site.label)));
  for (const key of unsettled) {
    const label = sites.find((site) => labelKey(site.label) === key)?.label ?? key;
    settled.push(...probedSites(source, label, reparse));
  }
  return settled.sort((a, b) => a.start - b.start);
}

/** The calls of `label` in micromark's tree of `source` with an entry for `label` added. */
function probedSites(source: string, label: string, reparse: (text: string) => Root): CallSite[] {
  const body = source === '' || /[\r\n]$/u.test(source) ? source : `${source}\n`;
  const key = labelKey(label);
  const sites: CallSite[] = [];
  visit(reparse(`${body}\n[^${label}]: probe\n`), 'footnoteReference', (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (node.identifier !== key || start === undefined || end === undefined) return;
    if (end <= source.length) sites.push({ label: source.slice(start + 2, end - 1), start, end });
  });
  return sites;
}

/** The calls in the block `source[start, end)`, where `masks` (sorted) are consumed. */
function scanBlock(
  source: string,
  start: number,
  end: number,
  masks: Array<[number, number]>,
  sites: CallSite[],
  unsettled: Set<string>,
): void {
  let mask = 0;
  for (
    let at = source.indexOf('[^', start);
    at !== -1 && at < end;
    at = source.indexOf('[^', at + 1)
  ) {
    while (mask < masks.length && (masks[mask] as [number, number])[1] <= at) mask++;
    const current = masks[mask];
    // The live text before `[` (for backslashes) starts after the last mask.
    const floor = Math.max(start, masks[mask - 1]?.[1] ?? start);
    if (current && current[0] <= at) continue;
    if (isEscaped(source, at, floor)) continue;
    const close = labelEnd(source, at + 2, end);
    if (close === undefined) continue;
    const label = source.slice(at + 2, close);
    sites.push({ label, start: at, end: close + 1 });
    // A construct that opens inside the call and ends after it: see `callSites`.
    for (let next = mask; next < masks.length; next++) {
      const [from, to] = masks[next] as [number, number];
      if (from > close) break;
      if (to > close + 1) unsettled.add(labelKey(label));
    }
  }
}

/**
 * The source ranges of a block's content that constructs starting before them
 * consumed (sorted, not overlapping). A node without a position was made
 * from text after parsing (mdast-util-gfm-autolink-literal links some
 * addresses so): micromark read it as text, so it consumes nothing.
 */
function consumed(block: Nodes, source: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  walk(block, (node) => {
    if (node === block) return true;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return true;
    switch (node.type) {
      case 'inlineCode':
      case 'html':
      case 'image':
      case 'imageReference':
        ranges.push([start, end]);
        return false;
      case 'link':
      case 'linkReference': {
        // An autolink (`<…>` or a literal): no `[` in it starts anything.
        if (source.charCodeAt(start) !== 91 /* [ */) {
          ranges.push([start, end]);
          return false;
        }
        const last = node.children[node.children.length - 1]?.position?.end.offset;
        // `[text](destination "title")`, `[text][label]`: the part after the text.
        ranges.push([last ?? start + 1, end]);
        return true;
      }
      default:
        return true;
    }
  });
  ranges.sort((a, b) => a[0] - b[0]);
  return ranges;
}
