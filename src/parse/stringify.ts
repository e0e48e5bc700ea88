import type { Root } from 'mdast';
import { frontmatterToMarkdown } from 'mdast-util-frontmatter';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { type Options, toMarkdown } from 'mdast-util-to-markdown';

// The house Markdown style: one consistent style for every edition and import.
// (What remark-stringify with remark-gfm and remark-frontmatter does, without
// loading the parser those plugins bring along.)
const options: Options = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  fence: '`',
  fences: true,
  listItemIndent: 'one',
  rule: '-',
  incrementListMarker: true,
  extensions: [gfmToMarkdown(), frontmatterToMarkdown(['yaml', 'toml'])],
};

/** Serialize a tree as GFM with YAML or TOML front matter, in the house style (stringify stage). */
export function stringifyMarkdown(tree: Root): string {
  return toMarkdown(tree, options);
}
