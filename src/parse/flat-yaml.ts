/**
 * The front matter nearly every article has — one `key: value` per line, each
 * value a string written plain or in quotes — read without the YAML parser,
 * which was about a sixth of a check's CPU on plain articles. Anything else
 * (comments, lists, maps, numbers, booleans, null, escapes, tabs, a repeated
 * key) is `undefined` here and goes to `yaml`. What it returns equals what
 * `yaml`'s `parseDocument(…).toJS()` returns, key order included
 * (tests/flat-yaml.test.ts compares the two on every fixture and on generated
 * lines); the switch `CITEPROOF_YAML=yaml` turns it off (speed/index.ts).
 */

/** The fields of a flat block, and the line (1-based) each key is written on. */
export interface FlatYaml {
  data: Record<string, string>;
  lines: Map<string, number>;
}

/** One field: a key of letters, digits, `_` and `-`, one space after the colon, a value. */
const field = /^([A-Za-z_][\w-]*): ([^ ].*)$/u;

/**
 * Characters YAML treats specially anywhere in a block (tabs, other line breaks,
 * control characters, a byte-order mark): a block with one goes to `yaml`.
 */
const unusual = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/u;

/** A first character that makes a value something other than a plain string. */
const indicator = /^[-?:,[\]{}#&*!|>'"%@`]/u;

/**
 * Plain values YAML 1.2's core schema (yaml's default) reads as null, a boolean,
 * an integer or a float, as the `yaml` package's own tests for them are written.
 */
const notString = [
  /^(?:~|[Nn]ull|NULL)?$/u,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/u,
  /^0o[0-7]+$/u,
  /^[-+]?[0-9]+$/u,
  /^0x[0-9a-fA-F]+$/u,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/u,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/u,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/u,
];

/** Read a flat block of string fields, or `undefined` when it is anything more. */
export function readFlatYaml(text: string): FlatYaml | undefined {
  if (text === '' || unusual.test(text)) return undefined;
  const data: Record<string, string> = {};
  const lines = new Map<string, number>();
  const rows = text.split('\n');
  for (let index = 0; index < rows.length; index++) {
    const match = field.exec(rows[index] as string);
    if (!match) return undefined;
    const key = match[1] as string;
    const value = stringValue(match[2] as string);
    if (value === undefined || lines.has(key) || key === '__proto__' || !isString(key)) {
      return undefined;
    }
    data[key] = value;
    lines.set(key, index + 1);
  }
  return { data, lines };
}

/** The string a value stands for, or `undefined` when it is not simply a string. */
function stringValue(value: string): string | undefined {
  const first = value.charCodeAt(0);
  const inner = value.slice(1, -1);
  if (first === 34 /* " */) {
    return value.length > 1 && value.endsWith('"') && !/["\\]/u.test(inner) ? inner : undefined;
  }
  if (first === 39 /* ' */) {
    return value.length > 1 && value.endsWith("'") && !inner.includes("'") ? inner : undefined;
  }
  if (indicator.test(value) || value.endsWith(' ') || value.endsWith(':')) return undefined;
  if (value.includes(': ') || value.includes(' #')) return undefined;
  return isString(value) ? value : undefined;
}

function isString(plain: string): boolean {
  // Only these first characters (and the words of null and the booleans) can start anything else.
  if (!/^[-+.\d~nNtTfF]|^$/u.test(plain)) return true;
  return !notString.some((pattern) => pattern.test(plain));
}
