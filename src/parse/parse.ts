/**
 * parse/ — from a vfile to an mdast tree: micromark (remark-parse, remark-gfm,
 * remark-frontmatter) or the one-pass fast path for plain articles (fast-parse.ts, the
 * same tree); front matter (front-matter.ts), the limits checked before parsing
 * (limits.ts), and the house Markdown style for writing trees back (stringify.ts).
 * Imports nothing from a later stage.
 */
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { speedPaths } from '../speed/index.js';
import { fastParse } from './fast-parse.js';
import { segmentedParse } from './segments.js';

const parser = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .freeze();

/**
 * Parse an article into an mdast tree (GFM and YAML front matter). Articles in
 * plain Markdown take the one-pass fast path, which makes the same tree; the
 * rest are parsed in segments (see `richParse`).
 */
export function parse(file: VFile): Root {
  return (
    (speedPaths().fastParser ? fastParse(String(file.value ?? '')) : undefined) ?? richParse(file)
  );
}

/**
 * Parse an article the one-pass parser does not take whole: cut into segments,
 * each parsed by it where it can and by micromark where not (segments.ts), or
 * all by micromark when it cannot be cut safely.
 */
export function richParse(file: VFile): Root {
  return (
    (speedPaths().fastParser
      ? segmentedParse(String(file.value ?? ''), micromarkParse)
      : undefined) ?? slowParse(file)
  );
}

function micromarkParse(text: string): Root {
  return parser.parse(text);
}

/** Parse with remark-parse (micromark), whatever the article holds. */
export function slowParse(file: VFile): Root {
  return parser.parse(file);
}
