import type { Root } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { closest } from './did-you-mean.js';
import { applyMessageControl } from './message-control.js';
import { type Rule, type RuleContext, rules, type Severity } from './index.js';

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

/** A rule switched on, with its level (1 warning, 2 error) and the context it gets. */
export interface ActiveRule {
  rule: Rule;
  level: 1 | 2;
  context: RuleContext;
}

/** The rules `options` switch on, in the order of DESIGN.md's table, and their settings. */
export function activeRules(options: CiteproofOptions = {}): ActiveRule[] {
  const context: RuleContext = {
    today: options.today ?? new Date(),
    ...(options.published === undefined ? {} : { published: options.published }),
  };
  return rules.flatMap((rule) => {
    const level = levels[options.rules?.[rule.meta.id] ?? rule.meta.severity];
    return level === 0 ? [] : [{ rule, level, context }];
  });
}

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
  for (const { rule, level, context } of activeRules(options))
    this.use(rule.plugin, [level, context]);
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
