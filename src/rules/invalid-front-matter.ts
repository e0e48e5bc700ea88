import { frontMatterNode, parseFrontMatter } from '../parse/front-matter.js';
import { defineRule } from './rule.js';

/** YAML front matter that does not parse, or a required field missing or of the wrong type. */
export const invalidFrontMatter = defineRule(
  {
    id: 'invalid-front-matter',
    severity: 'error',
    description:
      'Front matter that does not parse, or a required field missing or of the wrong type.',
    help: 'An article starts with YAML front matter between `---` lines. `title`, `author` and `lang` (a BCP 47 tag such as `en`, `tr`, `ru`) are required; `date` is an ISO date (`2022-12-01`); `keywords` a list of strings; `bio` a map with `lang` and `text`; `translations` a list of maps with `lang` and an optional `slug` and `title`.',
    examples: [
      {
        title: 'Complete',
        markdown: '---\ntitle: A Title\nauthor: Jane Doe\nlang: en\n---\n\nText.\n',
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
    ],
  },
  (tree, file) => {
    const yaml = frontMatterNode(tree);
    if (!yaml) {
      file.message(
        'Missing front matter, expected a YAML block (`---`) at the top with `title`, `author` and `lang`',
        { place: { line: 1, column: 1 } },
      );
      return;
    }
    const origin = yaml.position?.start;
    for (const problem of parseFrontMatter(yaml.value).problems) {
      // The YAML text starts on the line after the opening `---`.
      const place = origin
        ? { line: origin.line + problem.line, column: problem.column }
        : undefined;
      file.message(problem.reason, { place });
    }
  },
);
