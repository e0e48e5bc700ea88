import type { Root } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { closest } from './did-you-mean.js';
import { applyMessageControl } from './message-control.js';
import { rules, type Severity } from './index.js';

/** Options of the citeproof plugin. */
export interface CiteproofOptions {
  /** Severity per rule id; a rule not named keeps its default. */
  readonly rules?: Readonly<Partial<Record<string, Severity>>>;
  /** The day the check runs (access dates after it are errors); default: now. */
  readonly today?: Date;
  /**
   * Whether the files checked are published articles, whose front matter
   * needs `title`, `author` and `lang` (default `true`). With `false`, only the
   * citation rules and front matter that does not parse are reported. A file's
   * `file.data.published` wins over it.
   */
  readonly published?: boolean;
}

const levels = { off: 0, warning: 1, error: 2 } as const;

/**
 * The citation checks as one unified plugin: add it to a remark setup that
 * parses GFM (remark-gfm) and front matter (remark-frontmatter). A rule can be
 * switched off for one place with `<!-- citeproof disable rule-id -->` …
 * `<!-- citeproof enable rule-id -->`, or `<!-- citeproof ignore rule-id -->`
 * for the next node (remark-lint's `lint` comments work too).
 */
export default function remarkCiteproof(
  this: Processor,
  options: CiteproofOptions = {},
): undefined {
  const context = {
    today: options.today ?? new Date(),
    ...(options.published === undefined ? {} : { published: options.published }),
  };
  for (const rule of rules) {
    const severity = options.rules?.[rule.meta.id] ?? rule.meta.severity;
    this.use(rule.plugin, [levels[severity], context]);
  }
  this.use(() => (tree: Root, file: VFile) => applyMessageControl(tree, file));
  return undefined;
}

/** Check that every key of a severity map is a known rule id and every value a severity. */
export function validateRuleSeverities(config: Readonly<Record<string, unknown>>): string[] {
  const ids = rules.map((rule) => rule.meta.id);
  const problems: string[] = [];
  for (const [id, value] of Object.entries(config)) {
    if (!ids.includes(id))
      problems.push(`unknown rule id \`${id}\`${closest(id, ids, ', did you mean `%s`?') ?? ''}`);
    else if (typeof value !== 'string' || !(value in levels)) {
      const hint = typeof value === 'string' ? closest(value, Object.keys(levels)) : undefined;
      problems.push(
        `rule \`${id}\` has severity \`${String(value)}\`, expected ${hint ? `\`${hint}\`` : 'off, warning or error'}`,
      );
    }
  }
  return problems;
}
