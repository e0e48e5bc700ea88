/**
 * fix/ — the safe mechanical fixes `citeproof fix` writes back into a source
 * article: plain `[n]` markers whose source entry exists become footnote
 * references (the `expected` the plain-citation rule attaches, as remark-lint
 * quick fixes are), numeric labels are renumbered in order of first
 * reference, and source entries are put in that order. Only the bytes of those
 * labels and entries change; front matter, spacing and all other Markdown stay
 * as they were. Library code: nothing here reads, writes or prints.
 */
import type { FootnoteDefinition, Root } from 'mdast';
import { VFile } from 'vfile';
import { location } from 'vfile-location';
import type { VFileMessage } from 'vfile-message';
import { labelKey } from '../model/labels.js';
import { notesOf } from '../model/notes.js';
import { indexTree } from '../model/tree-index.js';
import { parseAndCheck } from '../rules/check.js';
import type { CiteproofOptions } from '../rules/plugin.js';

/** What fixing an article gave: the new text, what was done, or why it was left alone. */
export interface FixResult {
  /** The fixed text (the input itself when nothing was done or it was refused). */
  text: string;
  /** One line per kind of fix made, such as "renumbered 3 notes". */
  fixes: string[];
  /** The errors that made fix leave the article alone (it cannot repair them). */
  refused: VFileMessage[];
  /** The messages of the fixed text (the warnings fix does not repair). */
  remaining: VFileMessage[];
}

/** A replacement of `source.slice(start, end)`. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Passes before fix gives up (each pass does one kind of fix; three are enough in practice). */
const maxPasses = 6;

/**
 * Fix one article's text. Fixes are made in passes (each pass one kind, since
 * a marker made a footnote changes the order of first reference) until none
 * is left. When the fixed text still has errors — errors fix cannot repair,
 * which need an author — nothing changes and they are returned. The result is
 * a fixed point: fixing it again changes nothing.
 */
export async function fixArticle(
  text: string,
  filePath: string,
  options: CiteproofOptions = {},
): Promise<FixResult> {
  let current = text;
  const fixes: string[] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    const file = new VFile({ path: filePath, value: current });
    const tree = await parseAndCheck(file, options);
    const quick = quickFixes(file);
    if (quick.length > 0) {
      current = applyEdits(current, quick, []);
      fixes.push(
        `turned ${plural(quick.length, 'plain citation marker')} into footnote references`,
      );
      continue;
    }
    const renumbering = renumber(tree, current);
    if (renumbering) {
      current = renumbering.text;
      fixes.push(...renumbering.fixes);
      continue;
    }
    const errors = file.messages.filter((message) => message.fatal === true);
    if (errors.length > 0) return { text, fixes: [], refused: errors, remaining: file.messages };
    return { text: current, fixes, refused: [], remaining: file.messages };
  }
  throw new Error(`the fixes did not settle after ${maxPasses} passes; the file was left alone`);
}

/** The `expected` replacements messages carry, where the text still reads as `actual`. */
function quickFixes(file: VFile): Edit[] {
  const source = String(file.value);
  const toOffset = location(file).toOffset;
  const edits: Edit[] = [];
  for (const message of file.messages) {
    const replacement = message.expected?.[0];
    const place = message.place;
    if (
      replacement === undefined ||
      message.expected?.length !== 1 ||
      !place ||
      !('start' in place)
    )
      continue;
    const start = toOffset(place.start);
    const end = toOffset(place.end);
    if (start === undefined || end === undefined) continue;
    if (message.actual !== undefined && source.slice(start, end) !== message.actual) continue;
    if (edits.some((edit) => edit.start < end && start < edit.end)) continue;
    edits.push({ start, end, text: replacement });
  }
  return edits;
}

/**
 * Numeric labels renumbered 1..n in order of first reference (entries nothing
 * cites after them) and source entries put in that order; `undefined` when
 * both already hold.
 */
function renumber(tree: Root, source: string): { text: string; fixes: string[] } | undefined {
  const notes = notesOf(tree, source);
  const { definitions, references } = indexTree(tree);
  const labels = new Map<string, string>();
  let next = 1;
  for (const note of notes) if (/^\d+$/u.test(note.label)) labels.set(note.key, String(next++));
  const edits: Edit[] = [];
  let renamed = 0;
  for (const { node } of references) {
    const label = node.label ?? node.identifier;
    const wanted = labels.get(labelKey(label));
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (wanted === undefined || wanted === label || start === undefined || end === undefined)
      continue;
    if (source.slice(start, end) !== `[^${label}]`) continue;
    edits.push({ start, end, text: `[^${wanted}]` });
  }
  for (const definition of definitions) {
    const label = definition.label ?? definition.identifier;
    const wanted = labels.get(labelKey(label));
    const start = definition.position?.start.offset;
    if (wanted === undefined || wanted === label || start === undefined) continue;
    if (!source.startsWith(`[^${label}]:`, start)) continue;
    edits.push({ start, end: start + label.length + 3, text: `[^${wanted}]` });
    renamed++;
  }
  const order = notes.map((note) => note.definition);
  const reorder =
    order.length === definitions.length &&
    definitions.every((definition) => tree.children.includes(definition)) &&
    order.some((definition, index) => definition !== definitions[index]);
  if (edits.length === 0 && !reorder) return undefined;
  const fixes: string[] = [];
  if (renamed > 0) fixes.push(`renumbered ${plural(renamed, 'note')} in order of first reference`);
  if (reorder) fixes.push('put the source entries in order of first reference');
  const slots = reorder ? slotsOf(definitions, order) : [];
  return { text: applyEdits(source, edits, slots), fixes };
}

/** Each entry's place in the file, filled with the entry that belongs there. */
interface Slot {
  start: number;
  end: number;
  from: { start: number; end: number };
}

function slotsOf(
  definitions: readonly FootnoteDefinition[],
  order: readonly FootnoteDefinition[],
): Slot[] {
  const range = (node: FootnoteDefinition): { start: number; end: number } => ({
    start: node.position?.start.offset ?? 0,
    end: node.position?.end.offset ?? 0,
  });
  return definitions.map((definition, index) => {
    const wanted = order[index] ?? definition;
    return { ...range(definition), from: range(wanted) };
  });
}

/** `source` with `edits` made and each slot's bytes replaced by its entry's (edited) bytes. */
function applyEdits(source: string, edits: readonly Edit[], slots: readonly Slot[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const rewrite = (from: number, to: number): string => {
    let out = '';
    let cursor = from;
    for (const edit of sorted) {
      if (edit.start < from || edit.end > to) continue;
      out += source.slice(cursor, edit.start) + edit.text;
      cursor = edit.end;
    }
    return out + source.slice(cursor, to);
  };
  let out = '';
  let cursor = 0;
  for (const slot of slots) {
    out += rewrite(cursor, slot.start) + rewrite(slot.from.start, slot.from.end);
    cursor = slot.end;
  }
  return out + rewrite(cursor, source.length);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
