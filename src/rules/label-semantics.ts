/** A call and an entry, and whether GFM matches them: documented in docs/rules.md, run by the tests. */
export interface LabelPair {
  call: string;
  entry: string;
  same: boolean;
  why: string;
}

/**
 * How GFM (micromark) matches a footnote call to its entry: the labels as
 * written, with runs of spaces, tabs and line endings collapsed (none can be
 * in a label, so this never applies), then case folded
 * (`normalizeIdentifier`, then lower case). tests/labels.test.ts checks every
 * pair against micromark and against `labelKey`.
 */
export const labelPairs: readonly LabelPair[] = [
  { call: 'Note', entry: 'NOTE', same: true, why: 'case does not matter' },
  { call: 'Straße', entry: 'STRASSE', same: true, why: 'Unicode case folding: `ß` folds to `ss`' },
  { call: 'ǅ', entry: 'ǆ', same: true, why: 'title case folds too' },
  {
    call: 'é',
    entry: 'e\u0301',
    same: false,
    why: 'no Unicode normalization: a precomposed `é` and `e` with a combining accent differ',
  },
  {
    call: 'a+b',
    entry: 'a\\+b',
    same: false,
    why: 'escapes count as written: `\\+` is two characters of the label',
  },
  {
    call: 'a&amp;b',
    entry: 'a&b',
    same: false,
    why: 'character references count as written, undecoded',
  },
  { call: 'a&amp;b', entry: 'a\\&b', same: false, why: 'nor are an escape and a reference alike' },
  {
    call: '*note*',
    entry: '*note*',
    same: true,
    why: 'markup inside the brackets is part of the label',
  },
  {
    call: 'a|b',
    entry: 'A|B',
    same: true,
    why: 'a pipe is a character of the label like any other',
  },
  {
    call: 'a\u00a0b',
    entry: 'a b',
    same: false,
    why: 'a no-break space is a character of the label; a plain space ends it (`[^a b]` is text, never a call, and `[^a b]:` never an entry)',
  },
];
