import type { VFile } from 'vfile';
import { unclosedFrontMatter } from '../model/calls.js';
import { frontMatterNode, parseFrontMatter } from '../parse/front-matter.js';
import { defineRule, type RuleContext } from './rule.js';

/**
 * Front matter that does not parse (any file), or, for a published article,
 * missing front matter or a required field missing or of the wrong type.
 */
export const invalidFrontMatter = defineRule(
  {
    id: 'invalid-front-matter',
    severity: 'error',
    description:
      'Front matter that does not parse, or (for a published article) a required field missing or of the wrong type.',
    help: 'Front matter is YAML between `---` lines or TOML between `+++` lines, at the very top. In every file it must parse, and its fence must be closed (an unclosed fence makes GFM read no footnote entry, block quote or list in the whole file). A published article — one that `build` builds, or one `check` finds in the articles folder (`source/` unless the `articles` setting names another) — also needs `title`, `author` and `lang` (a BCP 47 tag such as `en`, `tr`, `ru`); `date` is an ISO date (`2022-12-01`, or a TOML date); `keywords` a list of strings; `bio` a map with `lang` and `text`; `translations` a list of maps with `lang` and an optional `slug` and `title`. Other Markdown files (a docs folder, a Hugo or Zola blog) get the citation rules only: their front matter, if any, is their site generator’s business.',
    examples: [
      {
        title: 'Complete',
        markdown: '---\ntitle: A Title\nauthor: Jane Doe\nlang: en\n---\n\nText.\n',
        expected: [],
      },
      {
        title: 'Complete, in TOML',
        markdown:
          '+++\ntitle = "A Title"\nauthor = "Jane Doe"\nlang = "en"\ndate = 2022-12-01\n+++\n\nText.\n',
        expected: [],
      },
      {
        title: 'A required field missing, and a wrong language tag',
        markdown: '---\ntitle: A Title\nlang: English language\n---\n\nText.\n',
        expected: [
          '1:1: Missing required front matter field `author`, expected it to be set',
          '3:1: Unexpected `lang` `English language`, expected a BCP 47 language tag such as `en` or `tr`',
        ],
      },
      {
        title: 'TOML that does not parse',
        markdown: '+++\ntitle = "A Title\n+++\n\nText.\n',
        expected: [
          '2:9: Unexpected TOML syntax error in front matter (unfinished string), expected valid TOML',
        ],
      },
      {
        title: 'A fence never closed',
        markdown: '---\ntitle: A Title\n\nText.[^1]\n\n[^1]: Jane Doe, “A Title”.\n',
        expected: [
          '1:1-1:4: Unexpected front matter fence `---` with no closing `---`, expected a closing fence (without it GFM reads no footnote entry, block quote or list in the file) or a blank line before a thematic break',
        ],
      },
    ],
  },
  (tree, file, context) => {
    const source = String(file);
    if (unclosedFrontMatter(tree, source)) {
      const fence = source.slice(0, 3);
      file.message(
        `Unexpected front matter fence \`${fence}\` with no closing \`${fence}\`, expected a closing fence (without it GFM reads no footnote entry, block quote or list in the file) or a blank line before a thematic break`,
        { place: { start: { line: 1, column: 1 }, end: { line: 1, column: 4 } } },
      );
      return;
    }
    const published = isPublished(file, context);
    const front = frontMatterNode(tree);
    if (!front) {
      if (published) {
        file.message(
          'Missing front matter, expected a YAML (`---`) or TOML (`+++`) block at the top with `title`, `author` and `lang`',
          { place: { line: 1, column: 1 } },
        );
      }
      return;
    }
    const origin = front.position?.start;
    const result = parseFrontMatter(front.value, { format: front.type, published });
    for (const problem of result.problems) {
      // The front matter text starts on the line after the opening fence.
      const place = origin
        ? { line: origin.line + problem.line, column: problem.column }
        : undefined;
      file.message(problem.reason, { place });
    }
  },
);

/** Whether `file` is a published article: its `data.published` if set, else the option (default yes). */
function isPublished(file: VFile, context: RuleContext): boolean {
  const flag = file.data.published;
  return typeof flag === 'boolean' ? flag : context.published !== false;
}
