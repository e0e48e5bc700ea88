/**
 * Prose characters the serif faces lack but the monospace face has (`≤`, `≠`,
 * arrows, box drawing) are set in the monospace face, as LaTeX takes a symbol
 * from another font; src/fonts says which, and the `unsupported-character`
 * rule reports only what neither face has.
 */
import { needsFallback } from '../../fonts/index.js';
import type { Face } from './fonts.js';

/** What of a run (normalize.ts's `Run`) the fallback reads. */
interface Run {
  text: string;
  face: Face;
}

/** The runs with each stretch of characters only the monospace face has in that face. */
export function withFallbackFaces<R extends Run>(runs: R[]): R[] {
  return runs.flatMap((run) =>
    run.face === 'mono' || /^[\x00-\x7f]*$/u.test(run.text) ? [run] : split(run),
  );
}

/** A block with its runs, and its table's cells, given their fallback faces. */
export function blockWithFallbackFaces<
  R extends Run,
  B extends { runs: R[]; table?: { rows: R[][][] } | undefined },
>(block: B): B {
  const runs = withFallbackFaces(block.runs);
  if (!block.table) return { ...block, runs };
  const rows = block.table.rows.map((row) => row.map(withFallbackFaces));
  return { ...block, runs, table: { ...block.table, rows } };
}

function split<R extends Run>(run: R): R[] {
  const runs: R[] = [];
  let text = '';
  let fallback = false;
  const flush = (): void => {
    if (text) runs.push(fallback ? { ...run, text, face: 'mono' } : { ...run, text });
    text = '';
  };
  for (const char of run.text) {
    const needed = needsFallback(char.codePointAt(0) ?? 0);
    if (needed !== fallback) flush();
    fallback = needed;
    text += char;
  }
  flush();
  return runs;
}
