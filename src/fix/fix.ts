/**
 * fix/ — the safe mechanical fixes `citeproof fix` writes back into a source
 * article: plain `[n]` markers whose source entry exists become footnote
 * references (the `expected` the plain-citation rule attaches, as remark-lint
 * quick fixes are), numeric labels are renumbered in order of first
 * reference, and source entries are put in that order; when asked
 * (`mergeDuplicates`), entries of the same source are merged into one. Only the
 * bytes of those labels and entries change; front matter, spacing and all other Markdown stay
 * as they were. Library code: nothing here reads, writes or prints.
 */
import type { FootnoteDefinition, Root } from 'mdast';
import { VFile } from 'vfile';
import { location } from 'vfile-location';
import type { VFileMessage } from 'vfile-message';
import { labelKey } from '../model/labels.js';
import { type NoteInfo, notesOf } from '../model/notes.js';
import { type SourceEntry, parseSourceEntry } from '../model/source-entry.js';
import { parse } from '../parse/parse.js';
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

/** What fix may do besides the fixes it always makes. */
export interface FixOptions {
  /**
   * Merge source entries of the same source (the same text, or a URL or DOI in
   * common): a second entry under the same label, which GFM ignores, is removed;
   * an entry under another label is removed and its calls cite the entry kept.
   */
  mergeDuplicates?: boolean;
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
  fixOptions: FixOptions = {},
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
    const merging =
      fixOptions.mergeDuplicates === true ? mergeDuplicates(tree, current) : undefined;
    if (merging) {
      current = merging.text;
      fixes.push(merging.fix);
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

/**
 * Entries of the same source merged into the first: the first of each label
 * (GFM's), and among labels the one cited first. Back-references (`op. cit.`,
 * `ibid.`…) are merged only with a copy under their own label: whom they cite
 * depends on where they stand. Entries inside other blocks are left alone.
 * `undefined` when there is nothing to merge.
 */
function mergeDuplicates(tree: Root, source: string): { text: string; fix: string } | undefined {
  const topLevel = new Set(tree.children);
  const { definitions, references } = indexTree(tree);
  const edits: Edit[] = [];
  const removed: Array<{ start: number; end: number }> = [];
  const remove = (definition: FootnoteDefinition): void => {
    const range = entryLines(definition, source);
    if (!range || !topLevel.has(definition)) return;
    edits.push({ ...range, text: '' });
    removed.push(range);
  };
  const notes = notesOf(tree, source);
  const byKey = new Map(notes.map((note) => [note.key, note]));
  let merged = 0;
  for (const definition of definitions) {
    const first = byKey.get(definition.identifier);
    if (!first || first.definition === definition) continue;
    if (!sameSource(first.entry, parseSourceEntry(definition))) continue;
    remove(definition);
    merged++;
  }
  const kept: NoteInfo[] = [];
  for (const note of notes) {
    const into = note.entry.backReference
      ? undefined
      : kept.find((other) => sameSource(other.entry, note.entry));
    if (!into || !topLevel.has(note.definition)) {
      if (!note.entry.backReference) kept.push(note);
      continue;
    }
    remove(note.definition);
    merged++;
    for (const { node } of references) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      const label = node.label ?? node.identifier;
      if (node.identifier !== note.key || start === undefined || end === undefined) continue;
      if (source.slice(start, end) !== `[^${label}]`) continue;
      edits.push({ start, end, text: `[^${into.label}]` });
    }
  }
  if (merged === 0) return undefined;
  const inside = (edit: Edit): boolean =>
    edit.text !== '' && removed.some((range) => range.start <= edit.start && edit.end <= range.end);
  const text = applyEdits(
    source,
    edits.filter((edit) => !inside(edit)),
    [],
  );
  // A merge must not change whom a back-reference (`ibid.`, `op. cit.`) cites: they resolve by
  // where they stand, and removing an entry moves them. Such an article is left as it is.
  if (backReferenceTargets(tree, source) !== backReferenceTargets(parse(new VFile(text)), text))
    return undefined;
  return {
    text,
    fix: `merged ${plural(merged, 'source entry', 'source entries')} into the entry of the same source`,
  };
}

/** What each back-reference cites, in order: the text of its entry and of the entry it resolves to. */
function backReferenceTargets(tree: Root, source: string): string {
  return JSON.stringify(
    notesOf(tree, source)
      .filter((note) => note.entry.backReference)
      .map((note) => [note.entry.text, note.target?.entry.text ?? null]),
  );
}

/**
 * Whether two entries are the same source, to be merged: the same text, but
 * for spacing. A shared URL or DOI is not enough (two pages of one report, a
 * second edition): `duplicate-locator` reports those, for a person to judge.
 */
function sameSource(a: SourceEntry, b: SourceEntry): boolean {
  const normal = (text: string): string => text.replace(/\s+/gu, ' ').trim();
  return a.text.trim() !== '' && normal(a.text) === normal(b.text);
}

/**
 * The bytes an entry takes: its lines with their line ending, and the blank
 * line before it when a blank line or the end of the file follows (so that
 * removing it leaves the spacing of the entries around it as it was).
 */
function entryLines(
  definition: FootnoteDefinition,
  source: string,
): { start: number; end: number } | undefined {
  const from = definition.position?.start.offset;
  const to = definition.position?.end.offset;
  if (from === undefined || to === undefined) return undefined;
  let start = source.lastIndexOf('\n', from - 1) + 1;
  const lineEnd = source.indexOf('\n', to);
  const end = lineEnd === -1 ? source.length : lineEnd + 1;
  const blankAfter = end === source.length || /^[ \t]*\r?\n/u.test(source.slice(end));
  const previous = source.lastIndexOf('\n', start - 2) + 1;
  if (start > 0 && blankAfter && /^[ \t]*\r?\n$/u.test(source.slice(previous, start)))
    start = previous;
  return { start, end };
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

function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
