/**
 * The TOML front matter static site generators write — `key = "value"` lines, lists of
 * strings, `true` and `false`, small integers, and tables (`[extra]`) of such fields — read
 * without the TOML parser, which with its warm-up was ~2% of a check of rust-lang's blog.
 * Anything else (comments, escapes, dates, floats, dotted or quoted keys, inline tables,
 * arrays of tables, multi-line strings, a repeated key or table) is `undefined` here and goes
 * to `smol-toml`. What it returns equals what `smol-toml`'s `parse` returns, key order
 * included (tests/flat-toml.test.ts compares the two on every fixture and on generated
 * blocks); the switch `CITEPROOF_YAML=yaml` turns it off with the flat YAML reader
 * (speed/index.ts).
 */

type Value = string | number | boolean | string[] | Table;
interface Table {
  [key: string]: Value;
}

/** A line of nothing but spaces and tabs. */
const blank = /^[ \t]*$/u;
/** A table's header: a bare key in brackets. */
const header = /^\[([A-Za-z0-9_-]+)\][ \t]*$/u;
/** A field: a bare key, `=`, and the rest of the line (its value, spaces around it trimmed). */
const field = /^([A-Za-z0-9_-]+)[ \t]*=[ \t]*(.*?)[ \t]*$/u;
/** A string in double quotes with no escape, or in single quotes; no control character. */
const string = /^(?:"([^"\\\u0000-\u001f\u007f]*)"|'([^'\u0000-\u001f\u007f]*)')$/u;
/** The strings of a list: each quoted as `string` allows, commas between, maybe one after. */
const strings =
  /^\[[ \t]*(?:(?:"[^"\\\u0000-\u001f\u007f]*"|'[^'\u0000-\u001f\u007f]*')[ \t]*,[ \t]*)*(?:(?:"[^"\\\u0000-\u001f\u007f]*"|'[^'\u0000-\u001f\u007f]*')[ \t]*)?\]$/u;
/** One string of such a list. */
const item = /"([^"\\\u0000-\u001f\u007f]*)"|'([^'\u0000-\u001f\u007f]*)'/gu;
/**
 * An integer TOML and JavaScript read alike: no leading zero, no `_`, 15 digits at most (and
 * no `+`, which TOML allows: rare, left to `smol-toml`).
 */
const integer = /^(?:0|-?[1-9][0-9]{0,14})$/u;

/** Read a block of plain fields and tables, or `undefined` when it holds anything more. */
export function readFlatToml(text: string): Table | undefined {
  const root: Table = {};
  let table = root;
  for (const line of text.split('\n')) {
    if (blank.test(line)) continue;
    const opened = header.exec(line);
    if (opened) {
      const key = opened[1] as string;
      if (Object.hasOwn(root, key) || key === '__proto__') return undefined;
      table = {};
      root[key] = table;
      continue;
    }
    const match = field.exec(line);
    if (!match) return undefined;
    const key = match[1] as string;
    const value = valueOf(match[2] as string);
    if (value === undefined || Object.hasOwn(table, key) || key === '__proto__') return undefined;
    table[key] = value;
  }
  return root;
}

function valueOf(written: string): Value | undefined {
  const quoted = string.exec(written);
  if (quoted) return quoted[1] ?? (quoted[2] as string);
  if (written === 'true') return true;
  if (written === 'false') return false;
  if (integer.test(written)) return Number(written);
  if (!strings.test(written)) return undefined;
  return Array.from(written.matchAll(item), (each) => each[1] ?? (each[2] as string));
}
