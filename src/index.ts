/**
 * citeproof's public API. Everything else under src/ is internal and may change.
 *
 * - the checks as a unified plugin (`remarkCiteproof`, also the default export);
 * - `parse`, `check` and `parseAndCheck` for one article in a vfile;
 * - `buildArticle`: one article's editions in memory;
 * - `importLegacy`: a legacy plain-text article → a source article;
 * - `report` in the CLI's formats; `rules`, the rule metadata;
 * - `labelKey`: footnote labels compared as GFM compares them;
 * - `main`: the CLI in-process, with its streams and working folder as arguments.
 */
export { default, default as remarkCiteproof, type CiteproofOptions } from './rules/plugin.js';
export { check, parseAndCheck } from './rules/check.js';
export { parse } from './parse/parse.js';
export { type ArticleMeta } from './parse/front-matter.js';
export { labelKey } from './model/labels.js';
export { buildArticle, type BuildArticleOptions, type BuiltEdition } from './run/build-article.js';
export { importLegacy, type ImportNote, type ImportResult } from './import/legacy.js';
export { report, formats, type Format, type ReportOptions } from './report/report.js';
export { rules, type Rule, type RuleMeta, type Severity } from './rules/index.js';
export { main, exitCodes, type Io } from './cli/main.js';
