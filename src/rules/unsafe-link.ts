import { indexTree } from '../model/tree-index.js';
import { unsafeScheme } from '../model/url-policy.js';
import { defineRule } from './rule.js';

/** A link or image whose URL has a scheme other than `http`, `https` or `mailto` (`javascript:`, `data:`, `file:`). */
export const unsafeLink = defineRule(
  {
    id: 'unsafe-link',
    severity: 'warning',
    description: 'A link or image to a `javascript:`, `data:`, `file:` or other unsafe URL.',
    help: 'The editions link only to `http`, `https` and `mailto` URLs and to relative ones (another article, an anchor): a `javascript:` link runs code in the reader’s browser, a `file:` link points into the reader’s own disk, a `data:` URL hides its content. Such a link is published as its text alone, without the link; give it a web address, or remove it.',
    examples: [
      {
        title: 'Web, mail and relative links',
        markdown:
          'See [the report](https://example.org/r), [us](mailto:a@example.org) and [part two](part-two.md).\n',
        expected: [],
      },
      {
        title: 'A script and a file on the reader’s disk',
        markdown: 'Click [here](javascript:alert(1)) or open [this](file:///etc/passwd).\n',
        expected: [
          '1:7-1:34: Unexpected `javascript:` URL, expected an `http`, `https`, `mailto` or relative URL (the editions show the text without the link)',
          '1:43-1:69: Unexpected `file:` URL, expected an `http`, `https`, `mailto` or relative URL (the editions show the text without the link)',
        ],
      },
    ],
  },
  (tree, file) => {
    for (const node of indexTree(tree).urls) {
      const scheme = unsafeScheme(node.url);
      if (scheme === undefined) continue;
      file.message(
        `Unexpected \`${scheme}:\` URL, expected an \`http\`, \`https\`, \`mailto\` or relative URL (the editions show the text without the link)`,
        { place: node.position },
      );
    }
  },
);
