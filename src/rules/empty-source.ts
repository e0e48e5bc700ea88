import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { defineRule } from './rule.js';

/** A source entry with no text. */
export const emptySource = defineRule(
  {
    id: 'empty-source',
    severity: 'error',
    description: 'A source entry with no text.',
  },
  (tree, file) => {
    visit(tree, 'footnoteDefinition', (node) => {
      if (toString(node).trim() !== '') return;
      const label = node.label ?? node.identifier;
      file.message(
        `Unexpected empty source entry \`${label}\`, expected the source: author, title, publisher, URL and access date`,
        { place: node.position },
      );
    });
  },
);
