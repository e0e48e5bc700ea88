/** Notes: measured into lines with the number hung in the margin, then stacked at a page's foot. */
import type { Item, LineOwner, NoteLineItem } from './items.js';
import { type Line, type Measure, breakLines } from './lines.js';
import type { Run } from './normalize.js';

export const noteStyle = { size: 8.5, leading: 11, gap: 3, hang: 13, separator: 12 };

/** A line of a note, before it has a place. */
export interface NoteLine {
  line: Line;
  owner: LineOwner;
  /** The line starts its note. */
  first: boolean;
}

/** The lines of note `number`; a resolved op. cit./ibid. links to the note it points to (`target`). */
export function measureNote(
  number: number,
  runs: Run[],
  target: number | undefined,
  width: number,
  measure: Measure,
  lang: string,
): NoteLine[] {
  const style = { size: noteStyle.size, leading: noteStyle.leading, align: 'left' as const, lang };
  const lines = breakLines(runs, width - noteStyle.hang, style, measure);
  if (target !== undefined) {
    for (const line of lines)
      for (const piece of line.pieces) if (!piece.link) piece.goTo = `note-${target}`;
  }
  const label = String(number);
  const first = lines[0] ?? {
    pieces: [],
    height: noteStyle.leading,
    ascent: noteStyle.size * 0.95,
    notes: [],
  };
  first.pieces = [
    {
      text: label,
      face: 'regular',
      size: noteStyle.size,
      x: -noteStyle.hang,
      width: measure(label, 'regular', noteStyle.size),
      rise: 0,
      goTo: `ref-${number}`,
      dest: `note-${number}`,
      space: true,
    },
    ...first.pieces,
  ];
  if (lines.length === 0) lines.push(first);
  const owner: LineOwner = { id: number, kind: 'note' };
  return lines.map((line, index) => ({ line, owner, first: index === 0 }));
}

/** The height a note line takes at a foot that already holds `count` lines. */
export function noteLineHeight(note: NoteLine, count: number): number {
  const extra =
    (count === 0 ? noteStyle.separator : 0) + (note.first && count > 0 ? noteStyle.gap : 0);
  return note.line.height + extra;
}

/**
 * The items of a page's foot: the separator, then the notes stacked upward
 * from the bottom margin `bottom`, each note after the first a gap below the last.
 */
export function footItems(notes: NoteLine[], left: number, bottom: number): Item[] {
  if (notes.length === 0) return [];
  const gapBefore = (index: number): number =>
    index > 0 && notes[index]?.first === true ? noteStyle.gap : 0;
  const height = notes.reduce((sum, note, index) => sum + note.line.height + gapBefore(index), 0);
  let y = bottom - height;
  const separatorY = y - noteStyle.separator / 2;
  const items: Item[] = [
    {
      kind: 'rule',
      x: left,
      y: separatorY,
      x2: left + 120,
      y2: separatorY,
      thickness: 0.4,
      tone: 'ink',
    },
  ];
  notes.forEach((note, index) => {
    y += gapBefore(index);
    const item: NoteLineItem = {
      kind: 'note',
      line: note.line,
      owner: note.owner,
      first: note.first,
      x: left + noteStyle.hang,
      y: y + note.line.ascent,
    };
    items.push(item);
    y += note.line.height;
  });
  return items;
}
