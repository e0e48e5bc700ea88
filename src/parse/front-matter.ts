import type { Literal, Root, Yaml } from 'mdast';
import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import { parseDocument } from 'yaml';
import { speedPaths } from '../speed/index.js';
import { readFlatToml } from './flat-toml.js';
import { readFlatYaml } from './flat-yaml.js';

declare module 'mdast' {
  /** TOML front matter (`+++`), as remark-frontmatter makes it. */
  interface Toml extends Literal {
    type: 'toml';
  }
  interface FrontmatterContentMap {
    toml: Toml;
  }
  interface RootContentMap {
    toml: Toml;
  }
}

/** Front matter as remark-frontmatter makes it: YAML (`---`) or TOML (`+++`). */
export type FrontMatter = Yaml | import('mdast').Toml;

/** The validated front matter of an article. */
export interface ArticleMeta {
  title: string;
  author: string;
  lang: string;
  date?: string;
  subtitle?: string;
  summary?: string;
  keywords?: string[];
  bio?: { lang: string; text: string };
  translations?: Array<{ lang: string; slug?: string; title?: string }>;
}

/**
 * A problem in the front matter; `line`/`column` are relative to its text
 * (1-based; line 0 is the opening fence, for problems of the whole block).
 */
export interface FrontMatterProblem {
  reason: string;
  line: number;
  column: number;
}

export interface FrontMatterResult {
  meta: ArticleMeta | undefined;
  problems: FrontMatterProblem[];
}

export interface FrontMatterOptions {
  /** `yaml` (default) or `toml`. */
  readonly format?: FrontMatter['type'];
  /**
   * Whether the file is a published article: then `title`, `author` and `lang`
   * are required and every known field is checked (default `true`). Other files
   * (a docs folder, a blog of another site generator) only need front matter
   * that parses.
   */
  readonly published?: boolean;
}

type Fields = Record<string, unknown>;

/** What a front matter block holds, or the one problem that kept it from parsing. */
type Parsed =
  | { data: unknown; position: (key: string) => { line: number; column: number } }
  | { problem: FrontMatterProblem };

/**
 * Parse and validate the front matter of an article (YAML unless `format` says
 * TOML). Front matter that does not parse is a problem for every file; the
 * fields are checked only for a published article.
 */
export function parseFrontMatter(
  text: string,
  options: FrontMatterOptions = {},
): FrontMatterResult {
  const parsed = readFrontMatter(text, options.format ?? 'yaml');
  if ('problem' in parsed) return { meta: undefined, problems: [parsed.problem] };
  if (options.published === false) return { meta: undefined, problems: [] };
  return validate(parsed.data, parsed.position);
}

/**
 * The last block read: a check reads an article's front matter twice (its own
 * rule, and the rule of characters the fonts cannot show) and YAML parsing was
 * about a tenth of a check; `validate` does not change the data it is given.
 */
let lastRead:
  { format: FrontMatter['type']; text: string; flat: boolean; parsed: Parsed } | undefined;

function readFrontMatter(text: string, format: FrontMatter['type']): Parsed {
  // Which path reads it is part of the key: the tests read one text both ways.
  const flat = speedPaths().flatYaml;
  if (lastRead?.text === text && lastRead.format === format && lastRead.flat === flat) {
    return lastRead.parsed;
  }
  const parsed = format === 'toml' ? readToml(text, flat) : readYaml(text, flat);
  lastRead = { format, text, flat, parsed };
  return parsed;
}

function readYaml(yamlText: string, flatYaml: boolean): Parsed {
  const flat = flatYaml ? readFlatYaml(yamlText) : undefined;
  if (flat)
    return { data: flat.data, position: (key) => ({ line: flat.lines.get(key) ?? 1, column: 1 }) };
  const document = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  const error = document.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    // yaml reports a structure too deep for its parser as a stack overflow.
    const reason = /call stack/iu.test(error.message)
      ? 'Unexpected front matter nested too deeply to read, expected plain fields'
      : `Unexpected YAML syntax error in front matter (${firstLine(error.message)}), expected valid YAML`;
    return { problem: { reason, line: pos?.line ?? 1, column: pos?.col ?? 1 } };
  }
  try {
    // Aliases can be unresolved or explode ("billion laughs"): yaml throws on both.
    const data: unknown = document.toJS({ maxAliasCount: 50 });
    return { data, position: (key) => keyPosition(document, yamlText, key) };
  } catch (error) {
    return {
      problem: {
        reason: `Unexpected YAML in front matter (${firstLine((error as Error).message)}), expected plain fields`,
        line: 0,
        column: 1,
      },
    };
  }
}

function readToml(tomlText: string, flatToml: boolean): Parsed {
  try {
    const data = (flatToml ? readFlatToml(tomlText) : undefined) ?? plainToml(parseToml(tomlText));
    return { data, position: (key) => tomlKeyPosition(tomlText, key) };
  } catch (error) {
    const line = error instanceof TomlError ? error.line : 1;
    const column = error instanceof TomlError ? error.column : 1;
    const message = firstLine((error as Error).message).replace(/^Invalid TOML document: /u, '');
    return {
      problem: {
        reason: `Unexpected TOML syntax error in front matter (${message}), expected valid TOML`,
        line,
        column,
      },
    };
  }
}

/** TOML values as YAML would give them: a local date (`2022-12-01`) becomes its ISO string. */
function plainToml(value: unknown): unknown {
  if (value instanceof TomlDate) return value.isDate() ? value.toISOString() : value;
  if (Array.isArray(value)) return value.map(plainToml);
  if (isFields(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainToml(item)]));
  }
  return value;
}

/** Where a top-level TOML key is written (`key = …`), or the first line. */
function tomlKeyPosition(text: string, key: string): { line: number; column: number } {
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (/^\s*\[/u.test(line)) break; // a table starts: top-level keys are before it
    const match = /^(\s*)(?:"([^"]*)"|'([^']*)'|([\w-]+))\s*=/u.exec(line);
    if (match && (match[2] ?? match[3] ?? match[4]) === key) {
      return { line: index + 1, column: (match[1]?.length ?? 0) + 1 };
    }
  }
  return { line: 1, column: 1 };
}

/** Check the fields of a published article. */
function validate(
  data: unknown,
  at: (key: string) => { line: number; column: number },
): FrontMatterResult {
  if (!isFields(data)) {
    return {
      meta: undefined,
      problems: [
        {
          reason: 'Unexpected front matter that is not a map, expected `key: value` fields',
          line: 0,
          column: 1,
        },
      ],
    };
  }
  const problems: FrontMatterProblem[] = [];
  const problem = (key: string, reason: string): void => {
    problems.push({ reason, ...at(key) });
  };

  for (const key of ['title', 'author', 'lang'] as const) {
    if (!(key in data)) {
      problems.push({
        reason: `Missing required front matter field \`${key}\`, expected it to be set`,
        line: 0,
        column: 1,
      });
    } else if (!isText(data[key])) {
      problem(
        key,
        `Unexpected \`${key}\` of type ${typeName(data[key])}, expected a non-empty string`,
      );
    }
  }
  if (isText(data['lang']) && !isLanguageTag(data['lang'])) {
    problem(
      'lang',
      `Unexpected \`lang\` \`${data['lang']}\`, expected a BCP 47 language tag such as \`en\` or \`tr\``,
    );
  }
  for (const key of ['subtitle', 'summary'] as const) {
    if (key in data && !isText(data[key])) {
      problem(
        key,
        `Unexpected \`${key}\` of type ${typeName(data[key])}, expected a non-empty string`,
      );
    }
  }
  if ('date' in data && !isIsoDate(data['date'])) {
    problem(
      'date',
      `Unexpected \`date\` \`${String(data['date'])}\`, expected an ISO date such as \`2022-12-01\``,
    );
  }
  if ('keywords' in data && !(Array.isArray(data['keywords']) && data['keywords'].every(isText))) {
    problem('keywords', 'Unexpected `keywords`, expected a list of strings');
  }
  if ('bio' in data && !isBio(data['bio'])) {
    problem(
      'bio',
      'Unexpected `bio`, expected a map with `lang` (a BCP 47 tag) and `text` (a string)',
    );
  }
  const unsafeSlug = Array.isArray(data['translations'])
    ? data['translations']
        .map((entry: unknown) => (isFields(entry) ? entry['slug'] : undefined))
        .find((slug) => isText(slug) && !isSafeSlug(slug))
    : undefined;
  if (unsafeSlug !== undefined) {
    problem(
      'translations',
      `Unexpected translation \`slug\` \`${String(unsafeSlug)}\`, expected the file name of an article beside this one (letters, digits, \`.\`, \`_\`, \`-\`; no \`/\`, no leading \`.\`): a link must stay inside the output folder`,
    );
  } else if ('translations' in data && !isTranslations(data['translations'])) {
    problem(
      'translations',
      'Unexpected `translations`, expected a list of maps with `lang` and an optional `slug` and `title`',
    );
  }
  if (problems.length > 0) return { meta: undefined, problems };
  return { meta: toMeta(data), problems };
}

function toMeta(data: Fields): ArticleMeta {
  const meta: ArticleMeta = {
    title: String(data['title']),
    author: String(data['author']),
    lang: String(data['lang']),
  };
  if (isText(data['date'])) meta.date = data['date'];
  if (isText(data['subtitle'])) meta.subtitle = data['subtitle'];
  if (isText(data['summary'])) meta.summary = data['summary'];
  if (Array.isArray(data['keywords'])) meta.keywords = data['keywords'].map(String);
  if (isBio(data['bio'])) meta.bio = { lang: data['bio']['lang'], text: data['bio']['text'] };
  if (isTranslations(data['translations'])) meta.translations = data['translations'];
  return meta;
}

function keyPosition(
  document: ReturnType<typeof parseDocument>,
  yamlText: string,
  key: string,
): { line: number; column: number } {
  const contents = document.contents;
  if (contents && 'items' in contents) {
    for (const item of contents.items) {
      const node = (item as { key?: { value?: unknown; range?: [number, number, number] } }).key;
      if (node?.value === key && node.range) return lineColumn(yamlText, node.range[0]);
    }
  }
  return { line: 1, column: 1 };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'map' : typeof value;
}

/** Whether `tag` is a well-formed BCP 47 language tag. */
export function isLanguageTag(tag: string): boolean {
  // The common shapes (`tr`, `en-GB`, `sr-Latn-RS`) are well formed on their face; asking ICU
  // first costs its start-up, about 40 ms of every process that checks an article.
  if (/^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$/u.test(tag)) return true;
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** The days of a month of the (proleptic) Gregorian calendar, as JavaScript's `Date` counts them. */
function daysIn(year: number, month: number): number {
  if (month !== 2) return [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

function isBio(value: unknown): value is { lang: string; text: string } {
  return (
    isFields(value) &&
    isText(value['lang']) &&
    isLanguageTag(value['lang']) &&
    isText(value['text'])
  );
}

function isTranslations(
  value: unknown,
): value is Array<{ lang: string; slug?: string; title?: string }> {
  return (
    Array.isArray(value) &&
    value.every(
      (entry) =>
        isFields(entry) &&
        isText(entry['lang']) &&
        isLanguageTag(entry['lang']) &&
        (!('slug' in entry) || (isText(entry['slug']) && isSafeSlug(entry['slug']))) &&
        (!('title' in entry) || isText(entry['title'])),
    )
  );
}

/** A translation slug that names a file beside the article: no path, no leading dot (nothing outside the output folder). */
function isSafeSlug(slug: string): boolean {
  return (
    /^[\p{L}\p{N}_-][\p{L}\p{N}._-]*$/u.test(slug) && new TextEncoder().encode(slug).length <= 240
  );
}

/** The front matter node: the first child, when it is YAML or TOML. */
export function frontMatterNode(tree: Root): FrontMatter | undefined {
  const first = tree.children[0];
  return first?.type === 'yaml' || first?.type === 'toml' ? first : undefined;
}

/** A front matter block at the top of a file: `---` (YAML) or `+++` (TOML) to the same fence. */
const block = /^(---|\+\+\+)[ \t]*\r?\n(?:[\s\S]*?\r?\n)?\1[ \t]*(?=\r?\n|$)/u;

/**
 * `text` with its front matter block emptied (its lines kept, blank), so limits
 * meant for the body (nesting, brackets) do not count the front matter.
 */
export function withoutFrontMatter(text: string): string {
  const match = block.exec(text);
  return match ? match[0].replace(/[^\r\n]/gu, '') + text.slice(match[0].length) : text;
}
