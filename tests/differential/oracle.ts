import type { Root } from 'mdast';
import { parse, postprocess, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/**
 * The oracle: what micromark alone (remark-parse with GFM and front matter,
 * none of citeproof's code) says about the footnotes of a document.
 */
const micromark = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .freeze();

/** micromark's tree of `text`. */
export function micromarkTree(text: string): Root {
  return micromark.parse(text);
}

/** A finding: the offset of the reference or entry and its label as written. */
export interface Finding {
  offset: number;
  label: string;
}

export interface OracleFindings {
  /** `[^x]` that micromark makes a footnote call once `x` is defined, and which is not one now. */
  undefinedCalls: Finding[];
  /** Entries whose identifier an earlier entry has (offset only: label ''). */
  duplicates: number[];
  /** The first entry of each identifier that no footnote call has. */
  unused: number[];
  /** Labels the oracle could not probe (the probe entry did not become an entry). */
  unprobed: string[];
}

/** A footnote call or entry as micromark tokenizes it: its span and its identifier. */
interface Footnote {
  start: number;
  end: number;
  identifier: string;
}

/** The extensions remark-gfm and remark-frontmatter (as `micromark` above) give micromark. */
const extensions = [gfm(), frontmatter(['yaml', 'toml'])];

/**
 * One micromark parser for every document: `parse()` combines the extensions' constructs,
 * which took a sixth of the oracle's time (it parses each text once per label). What a
 * parser keeps of a document (the definitions' identifiers, the lazy lines, the footnote
 * entries' identifiers) is reset before each, and a field micromark would add after an
 * upgrade stops the run instead of carrying one document into the next.
 */
const shared = parse({ extensions });
const perDocument = new Set(['defined', 'lazy', 'gfmFootnotes']);
const known = new Set([...Object.keys(shared), ...perDocument]);

function freshParser(): ReturnType<typeof parse> {
  const unknown = Object.keys(shared).filter((key) => !known.has(key));
  if (unknown.length > 0)
    throw new Error(`micromark keeps ${unknown.join(', ')} per parser: reset it in oracle.ts`);
  shared.defined = [];
  shared.lazy = {};
  delete (shared as { gfmFootnotes?: unknown }).gfmFootnotes;
  return shared;
}

/**
 * The footnote calls and entries of `text`, read from micromark's events: the tokens
 * remark's `footnoteReference` and `footnoteDefinition` nodes are made from (the same
 * spans, identifiers normalized as mdast-util-gfm-footnote does), but a call in an
 * image's label, which the tree keeps only as the image's `alt` text. Without building
 * the tree a parse costs a third as much, and the oracle parses each text once per label.
 */
function footnotes(text: string): { references: Footnote[]; definitions: Footnote[] } {
  const events = postprocess(
    freshParser()
      .document()
      .write(preprocess()(text, undefined, true)),
  );
  const references: Footnote[] = [];
  const definitions: Footnote[] = [];
  const open: Array<Footnote | undefined> = [];
  let images = 0;
  for (const [kind, token, context] of events) {
    const type = token.type as string;
    if (type === 'image') images += kind === 'enter' ? 1 : -1;
    else if (type === 'gfmFootnoteCall' || type === 'gfmFootnoteDefinition') {
      if (kind === 'enter') {
        const found = { start: token.start.offset, end: token.end.offset, identifier: '' };
        if (type === 'gfmFootnoteDefinition') definitions.push(found);
        else if (images === 0) references.push(found);
        open.push(found);
      } else open.pop();
    } else if (
      kind === 'exit' &&
      (type === 'gfmFootnoteCallString' || type === 'gfmFootnoteDefinitionLabelString')
    ) {
      const owner = open.at(-1);
      if (owner)
        owner.identifier = normalizeIdentifier(context.sliceSerialize(token)).toLowerCase();
    }
  }
  return { references, definitions };
}

/**
 * Every `[^…]` candidate of `text`: each `[^` with each of the next few `]`
 * on its line, so the oracle does not share the checker's idea of a label.
 */
function candidates(text: string): Array<{ start: number; end: number; label: string }> {
  const found: Array<{ start: number; end: number; label: string }> = [];
  for (let start = text.indexOf('[^'); start !== -1; start = text.indexOf('[^', start + 1)) {
    let close = start + 2;
    for (let taken = 0; taken < 3; taken++) {
      close = text.indexOf(']', close);
      if (close === -1 || close - start > 1100) break;
      const label = text.slice(start + 2, close);
      if (/[\n\r]/u.test(label)) break;
      if (label !== '') found.push({ start, end: close + 1, label });
      close++;
    }
  }
  return found;
}

/** `text` with a probe entry for `label`, and the offset the entry starts at. */
function probed(text: string, label: string): { text: string; at: number } {
  const body = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  const at = body.length + 1;
  return { text: `${body}\n[^${label}]: probe\n`, at };
}

/** What micromark says about the footnotes of `text`. */
export function oracle(text: string): OracleFindings {
  const { references, definitions } = footnotes(text);
  const calls = new Set(references.map((node) => node.start));

  const undefinedCalls: Finding[] = [];
  const unprobed: string[] = [];
  const byLabel = new Map<string, Array<{ start: number; end: number }>>();
  for (const candidate of candidates(text)) {
    if (calls.has(candidate.start)) continue;
    byLabel.set(candidate.label, [...(byLabel.get(candidate.label) ?? []), candidate]);
  }
  for (const [label, places] of byLabel) {
    const probe = probed(text, label);
    const result = footnotes(probe.text);
    if (!result.definitions.some((node) => node.start === probe.at)) {
      unprobed.push(label);
      continue;
    }
    const spans = new Set(result.references.map((node) => `${node.start}-${node.end}`));
    for (const place of places) {
      if (spans.has(`${place.start}-${place.end}`))
        undefinedCalls.push({ offset: place.start, label });
    }
  }

  const seen = new Set<string>();
  const duplicates: number[] = [];
  const unused: number[] = [];
  const cited = new Set(references.map((node) => node.identifier));
  for (const node of definitions) {
    const offset = node.start;
    if (seen.has(node.identifier)) duplicates.push(offset);
    else if (!cited.has(node.identifier)) unused.push(offset);
    seen.add(node.identifier);
  }
  return { undefinedCalls, duplicates, unused, unprobed };
}
