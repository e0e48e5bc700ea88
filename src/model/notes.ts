import type { FootnoteDefinition, FootnoteReference, Root } from 'mdast';
import { Recent } from './recent.js';
import { indexTree, type TreeIndex } from './tree-index.js';
import { writtenLabel } from './labels.js';
import { type SourceEntry, parseSourceEntry, surnameOf } from './source-entry.js';

/** A source entry with what the rules and editions need to know of it. */
export interface NoteInfo {
  /** The key micromark matches it by (mdast's `identifier`: from the label as written). */
  key: string;
  /** The label as written in the source. */
  label: string;
  /** 1-based, in order of first reference; entries nothing cites come last. */
  number: number;
  definition: FootnoteDefinition;
  entry: SourceEntry;
  /** The first reference that cites it, if any. */
  firstReference?: FootnoteReference;
  /** For a back-reference: the earlier note it resolves to (`undefined` when unresolved). */
  target?: NoteInfo;
}

const cache = new Recent<Root, { source: string; notes: NoteInfo[] }>();

/**
 * The source entries of a tree parsed from `source` (the first definition of
 * each label), in order of first reference, with back-references resolved.
 * Entries and references match by mdast's `identifier`, which micromark makes
 * from the label as written (`[^a+b]` and `[^a\+b]` are two notes). Kept for the last few trees (`Recent`).
 */
export function notesOf(tree: Root, source: string): NoteInfo[] {
  let cached = cache.get(tree);
  if (cached?.source !== source) {
    cached = { source, notes: collect(tree, source) };
    cache.set(tree, cached);
  }
  return cached.notes;
}

function collect(tree: Root, source: string): NoteInfo[] {
  const { definitions: all, references } = indexTree(tree);
  const definitions = new Map<string, FootnoteDefinition>();
  for (const node of all) {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
  }
  const firstReferences = referenceOrder(references, definitions);
  const order = [...firstReferences.keys()].filter((key) => definitions.has(key));
  for (const key of definitions.keys()) if (!firstReferences.has(key)) order.push(key);
  const notes = order.flatMap((key, index): NoteInfo[] => {
    const definition = definitions.get(key);
    if (!definition) return [];
    const note: NoteInfo = {
      key,
      label: writtenLabel(definition, source),
      number: index + 1,
      definition,
      entry: parseSourceEntry(definition),
    };
    const reference = firstReferences.get(key);
    if (reference) note.firstReference = reference;
    return [note];
  });
  resolveBackReferences(notes);
  return notes;
}

/**
 * First references by label key, in order: references in the body first,
 * then those inside source entries in the order the entries are numbered
 * (as GFM renders them).
 */
function referenceOrder(
  references: TreeIndex['references'],
  definitions: Map<string, FootnoteDefinition>,
): Map<string, FootnoteReference> {
  const order = new Map<string, FootnoteReference>();
  const add = (node: FootnoteReference): void => {
    if (!order.has(node.identifier)) order.set(node.identifier, node);
  };
  const inside = new Map<FootnoteDefinition, FootnoteReference[]>();
  for (const { node, within } of references) {
    if (!within) add(node);
    else {
      const nodes = inside.get(within);
      if (nodes) nodes.push(node);
      else inside.set(within, [node]);
    }
  }
  for (const key of order.keys()) {
    const definition = definitions.get(key);
    for (const node of (definition && inside.get(definition)) ?? []) add(node);
  }
  return order;
}

/**
 * Resolve back-references: `ibid.`/`idem` to the note before, `op. cit.`/`loc.
 * cit.` to the latest earlier note by the same author surname. A chain of
 * back-references resolves to the source at its end.
 */
function resolveBackReferences(notes: NoteInfo[]): void {
  notes.forEach((note, index) => {
    const back = note.entry.backReference;
    if (!back) return;
    const earlier = notes.slice(0, index);
    let target: NoteInfo | undefined;
    if (back.kind === 'ibid' || back.kind === 'idem') {
      target = earlier[earlier.length - 1];
    } else if (back.author) {
      const surname = fold(surnameOf(back.author));
      target = earlier.reverse().find((candidate) => {
        const source = candidate.target ?? candidate;
        return source.entry.authors !== undefined && fold(source.entry.authors).includes(surname);
      });
    }
    const resolved = target?.entry.backReference ? target.target : target;
    if (resolved) note.target = resolved;
  });
}

function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('tr')
    .replace(/\u0307/g, '');
}
