import { labelKey } from '../model/labels.js';
import { indexTree } from '../model/tree-index.js';
import { location } from 'vfile-location';
import { defineRule } from './rule.js';

// `[3]` right after a word or punctuation, as scraped legacy articles write
// citations. Four-digit years (`[1999]`) and a bracket after a space are not markers.
// (A lookbehind here made V8 try every position of every text: 7% of a check.)
const marker = /\[(\d{1,3})\]/gu;
const notBefore = /[\s[\\^]/u;

/** A legacy marker like `[3]` in body text that is not a footnote. */
export const plainCitation = defineRule(
  {
    id: 'plain-citation',
    severity: 'warning',
    description: 'A legacy citation marker like `[3]` in body text that is not a footnote.',
    help: 'Articles scraped from the web cite with plain markers (`text.[3]`) that link to nothing and are never checked. Turn them into footnote references (`text.[^3]`) with a source entry. Markers in code and link text are left alone, and so are years in brackets (`[1999]`) and task-list checkboxes.',
    examples: [
      {
        title: 'Footnotes, a year and a checkbox',
        markdown:
          'A claim.[^3] In “the [1999] agreement”.\n\n- [x] done\n\n[^3]: Jane Doe, “A Title”.\n',
        expected: [],
      },
      {
        title: 'A legacy marker',
        markdown: 'South and North.[1] Tokayev agreed.\n',
        expected: [
          '1:17-1:20: Unexpected plain citation marker `[1]`, expected a footnote reference `[^1]` with a source entry',
        ],
      },
    ],
  },
  (tree, file) => {
    const source = String(file);
    const place = location(file);
    const index = indexTree(tree);
    const defined = new Set(
      index.definitions.map((definition) => labelKey(definition.label ?? definition.identifier)),
    );
    for (const { node, inLink } of index.texts) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (inLink || start === undefined || end === undefined) continue;
      const slice = source.slice(start, end);
      if (!slice.includes('[')) continue;
      for (const match of slice.matchAll(marker)) {
        const before = slice[match.index - 1];
        if (before === undefined || notBefore.test(before)) continue;
        const from = place.toPoint(start + match.index);
        const to = place.toPoint(start + match.index + match[0].length);
        if (!from || !to) continue;
        const message = file.message(
          `Unexpected plain citation marker \`${match[0]}\`, expected a footnote reference \`[^${match[1]}]\` with a source entry`,
          { place: { start: from, end: to } },
        );
        // A quick fix (remark-lint's `actual`/`expected`), offered only when the
        // source entry exists: `citeproof fix` and editors apply it.
        if (defined.has(labelKey(match[1] ?? ''))) {
          message.actual = match[0];
          message.expected = [`[^${match[1]}]`];
        }
      }
    }
  },
);
