import { location } from 'vfile-location';
import { type CallSite, callSites, settle, unclosedFrontMatter } from '../model/calls.js';
import { labelKey } from '../model/labels.js';
import { indexTree } from '../model/tree-index.js';
import { defineRule, inlineCode as code } from './rule.js';

/**
 * A footnote reference with no source entry. micromark turns `[^x]` into a
 * footnote call only when `[^x]:` is defined, so an undefined call is text,
 * split across nodes by any markup inside its brackets: it is found by
 * scanning the source of each block of text where micromark would make a call
 * (`model/calls.ts`), and compared by the label as written.
 */
export const undefinedReference = defineRule(
  {
    id: 'undefined-reference',
    severity: 'error',
    description: 'A footnote reference with no source entry.',
    help: 'Every `[^label]` needs a source entry `[^label]: …`. Labels match exactly as GFM (micromark) matches them, on the label as written: case and runs of spaces do not matter, but escapes and character references do (see [Footnote labels](#footnote-labels)). micromark leaves an undefined `[^label]` as plain text, and parses what is inside it as markup, so a checker that only visits footnote nodes or single text nodes misses it; this rule scans the source of every paragraph, heading and table cell, wherever micromark would make a call. Write `\\[` for a bracket that is not a reference.',
    examples: [
      {
        title: 'Defined, in any case',
        markdown:
          'A claim.[^1] Another.[^Note]\n\n[^1]: Jane Doe, “A Title”, Publisher.\n[^note]: John Roe, “Another”, Publisher.\n',
        expected: [],
      },
      {
        title: 'Undefined',
        markdown: 'A claim.[^1] An unsupported one.[^2]\n\n[^1]: Jane Doe, “A Title”, Publisher.\n',
        expected: [
          '1:33-1:37: Unexpected reference to undefined source `2`, expected a source entry `[^2]: …` or an escaped opening bracket (`\\[`) for regular text',
        ],
      },
      {
        title: 'Undefined, with markup or an address inside the brackets',
        markdown:
          'A claim.[^*note*] Code.[^`x`] A site.[^www.example.com] In a list:\n\n- Item.[^https://example.com/a]\n',
        expected: [
          '1:9-1:18: Unexpected reference to undefined source `*note*`, expected a source entry `[^*note*]: …` or an escaped opening bracket (`\\[`) for regular text',
          '1:24-1:30: Unexpected reference to undefined source `` `x` ``, expected a source entry `` [^`x`]: … `` or an escaped opening bracket (`\\[`) for regular text',
          '1:38-1:56: Unexpected reference to undefined source `www.example.com`, expected a source entry `[^www.example.com]: …` or an escaped opening bracket (`\\[`) for regular text',
          '3:8-3:32: Unexpected reference to undefined source `https://example.com/a`, expected a source entry `[^https://example.com/a]: …` or an escaped opening bracket (`\\[`) for regular text',
        ],
      },
      {
        title: 'An escape in the call that the entry does not have',
        markdown: 'A claim.[^a\\+b]\n\n[^a+b]: Jane Doe, “A Title”, Publisher.\n',
        expected: [
          '1:9-1:16: Unexpected reference to undefined source `a\\+b`, expected a source entry `[^a\\+b]: …` or an escaped opening bracket (`\\[`) for regular text',
        ],
      },
      {
        title: 'Not references: escaped brackets, code and link destinations',
        markdown: 'An escaped \\[^1], code `[^2]` and [a link](https://example.com/[^3]).\n',
        expected: [],
      },
    ],
  },
  async (tree, file) => {
    const source = String(file);
    // No call is possible then; invalid-front-matter reports the fence.
    if (unclosedFrontMatter(tree, source)) return;
    const defined = new Set(indexTree(tree).definitions.map((node) => node.identifier));
    const place = location(file);
    const found = callSites(tree, source);
    // Rare: a call that would end a construct opening inside it (micromark settles it).
    const sites =
      found.unsettled.size === 0 ? found.sites : await settleWithMicromark(found, source);
    for (const call of sites) {
      if (defined.has(labelKey(call.label))) continue;
      const from = place.toPoint(call.start);
      const to = place.toPoint(call.end);
      if (!from || !to) continue;
      file.message(
        `Unexpected reference to undefined source ${code(call.label)}, expected a source entry ${code(`[^${call.label}]: …`)} or an escaped opening bracket (\`\\[\`) for regular text`,
        { place: { start: from, end: to } },
      );
    }
  },
);

async function settleWithMicromark(
  found: ReturnType<typeof callSites>,
  source: string,
): Promise<CallSite[]> {
  const [{ richParse }, { VFile }] = await Promise.all([
    import('../parse/parse.js'),
    import('vfile'),
  ]);
  // micromark's tree, by the segmented parse: micromark itself for the segments that need it.
  return settle(found, source, (text) => richParse(new VFile(text)));
}
