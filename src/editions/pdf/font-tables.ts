/**
 * fontkit's `post` table without decoding its glyph names until they are read
 * (a speed path: `CITEPROOF_EMBED=fontkit` lets fontkit decode the whole table,
 * see src/speed/). Embedding a font, pdfkit reads two numbers of `post` (the
 * italic angle and whether the face is monospaced); fontkit decodes the whole
 * table for them, with the names of all of Noto's ~3,800 glyphs: 6–45 ms a
 * face, 30–60 ms of a one-article build. Here the fixed-size header is read
 * from the font's bytes as fontkit reads it, and the rest of the table is
 * decoded by fontkit when something first asks for it (nothing does in a
 * build). Pinned by tests/dependency-internals.test.ts.
 */

/** What this touches of a fontkit font: its table directory and decoded tables, and its table decoder. */
interface FontkitInternals {
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  _tables: Record<string, unknown>;
  _decodeTable: (table: { tag: string; offset: number; length: number }) => unknown;
}

/** The fields of `post` after its header, by version (fontkit's `post` struct). */
const laterFields = ['numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets', 'map'] as const;

/**
 * Give `font` (parsed from `bytes`) a `post` table whose header is read now
 * and whose glyph names are decoded by fontkit on first use. A font without
 * a `post` table, or whose table fontkit has decoded already, is left alone.
 */
export function lazyPostTable(font: object, bytes: Uint8Array): void {
  const internals = font as FontkitInternals;
  const entry = internals.directory.tables['post'];
  if (!entry || entry.length < 32 || 'post' in internals._tables) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, 32);
  // fontkit's fixed32 is a signed 16.16 number.
  const fixed = (offset: number): number => view.getInt32(offset) / 65536;
  const table: Record<string, unknown> = {
    version: fixed(0),
    italicAngle: fixed(4),
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
    minMemType42: view.getUint32(16),
    maxMemType42: view.getUint32(20),
    minMemType1: view.getUint32(24),
    maxMemType1: view.getUint32(28),
  };
  let whole: Record<string, unknown> | undefined;
  const decoded = (): Record<string, unknown> =>
    (whole ??= internals._decodeTable({ tag: 'post', ...entry }) as Record<string, unknown>);
  for (const field of laterFields)
    Object.defineProperty(table, field, { enumerable: true, get: () => decoded()[field] });
  internals._tables['post'] = table;
}
