import type { Root, Yaml } from 'mdast';
import { parseFrontMatter } from '../front-matter.js';
import { defineRule } from './rule.js';

/** YAML front matter that does not parse, or a required field missing or of the wrong type. */
export const invalidFrontMatter = defineRule(
  {
    id: 'invalid-front-matter',
    severity: 'error',
    description:
      'Front matter that does not parse, or a required field missing or of the wrong type.',
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

/** The front matter node: the first child, when it is YAML. */
export function frontMatterNode(tree: Root): Yaml | undefined {
  const first = tree.children[0];
  return first?.type === 'yaml' ? first : undefined;
}
