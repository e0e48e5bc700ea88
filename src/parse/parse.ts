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
import { type Data, type Processor, unified } from 'unified';
import type { VFile } from 'vfile';
import { speedPaths } from '../speed/index.js';
import { fastParse } from './fast-parse.js';
import { type SegmentCounts, segmentedParse } from './segments.js';

const parser = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .freeze();

/**
 * The same parser without the pass over the tree that links GFM's literal autolinks
 * (`www.`, `http://`, `a@b.co`) the tokenizer left as text: for text in which none can occur.
 */
const parserWithoutLinkPass = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .use(withoutTreeTransforms)
  .freeze();

/**
 * What mdast-util-gfm-autolink-literal's pass looks for (`https?://`, `www.`, `@`, in any
 * case), and the one way to spell it in a text node without writing it in the source: a
 * character reference (`&#64;`). An escape (`\@`) still has the character itself; text
 * nodes are otherwise the source's text (line endings kept), so text without these has
 * nothing for the pass to link.
 */
const mayHoldLiteralLink = /[@&]|www|http/iu;

/**
 * Parse an article into an mdast tree (GFM and YAML front matter). Articles in
 * plain Markdown take the one-pass fast path, which makes the same tree; the
 * rest are parsed in segments (see `richParse`).
 */
export function parse(file: VFile): Root {
  return (speedPaths().fastParser ? fastParse(String(file)) : undefined) ?? richParse(file);
}

/**
 * Parse an article the one-pass parser does not take whole: cut into segments,
 * each parsed by it where it can and by micromark where not (segments.ts), or
 * all by micromark when it cannot be cut safely; `counts` adds up what micromark
 * was given (the whole article: one run).
 */
export function richParse(file: VFile, counts?: SegmentCounts): Root {
  const segmented = speedPaths().fastParser
    ? segmentedParse(String(file), micromarkParse, counts)
    : undefined;
  if (segmented) return segmented;
  if (counts) counts.runs++; // the whole article, as one run
  return slowParse(file);
}

/**
 * Parse with micromark, leaving out the literal autolinks' pass over the tree where the
 * text cannot hold one (a tenth of micromark's time on dense markup: the pass visits
 * every node twice).
 */
export function micromarkParse(text: string): Root {
  return (mayHoldLiteralLink.test(text) ? parser : parserWithoutLinkPass).parse(text);
}

/** remark's tree transforms left out (the literal autolinks' pass is the only one of these plugins). */
function withoutTreeTransforms(this: Processor): void {
  const data: Data = this.data();
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map((extensions) =>
    (Array.isArray(extensions) ? extensions : [extensions]).map((extension) => ({
      ...extension,
      transforms: [],
    })),
  );
}

/** Parse with remark-parse (micromark), whatever the article holds. */
export function slowParse(file: VFile): Root {
  return parser.parse(file);
}
