import type { Root, Yaml } from 'mdast';
import { parseDocument } from 'yaml';

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
 * A problem in the front matter; `line`/`column` are relative to the YAML text
 * (1-based; line 0 is the opening `---`, for problems of the whole block).
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

type Fields = Record<string, unknown>;

/** Parse and validate the YAML front matter of an article. */
export function parseFrontMatter(yamlText: string): FrontMatterResult {
  const document = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  const error = document.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    return {
      meta: undefined,
      problems: [
        {
          reason: `Unexpected YAML syntax error in front matter (${firstLine(error.message)}), expected valid YAML`,
          line: pos?.line ?? 1,
          column: pos?.col ?? 1,
        },
      ],
    };
  }
  let data: unknown;
  try {
    // Aliases can be unresolved or explode ("billion laughs"): yaml throws on both.
    data = document.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return {
      meta: undefined,
      problems: [
        {
          reason: `Unexpected YAML in front matter (${firstLine((error as Error).message)}), expected plain fields`,
          line: 0,
          column: 1,
        },
      ],
    };
  }
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
  const at = (key: string): { line: number; column: number } =>
    keyPosition(document, yamlText, key);
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
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
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

/** The front matter node: the first child, when it is YAML. */
export function frontMatterNode(tree: Root): Yaml | undefined {
  const first = tree.children[0];
  return first?.type === 'yaml' ? first : undefined;
}
