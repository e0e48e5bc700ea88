import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { lintRule } from 'unified-lint-rule';
import type { VFile } from 'vfile';

export type Severity = 'off' | 'warning' | 'error';

/** An example in a rule's documentation; the tests run it and docs/rules.md shows it. */
export interface RuleExample {
  title: string;
  /** The Markdown checked (only this rule runs on it). */
  markdown: string;
  /** The messages expected, as `line:column-line:column: reason`; empty when it passes. */
  expected: string[];
}

/** What a rule is: its fixed id, default severity, documentation and examples. */
export interface RuleMeta {
  id: string;
  severity: Exclude<Severity, 'off'>;
  /** One line: what the rule fires on. */
  description: string;
  /** A paragraph: why, and what to do. */
  help: string;
  examples: RuleExample[];
}

/** Settings every rule gets. */
export interface RuleContext {
  /** The day the check runs: access dates after it are errors. */
  today: Date;
  /**
   * Whether the files checked are published articles (front matter with
   * `title`, `author`, `lang` required); default yes. A file's own
   * `file.data.published` wins over it.
   */
  published?: boolean;
}

declare module 'vfile' {
  interface DataMap {
    /** Whether this file is a published article (see `RuleContext.published`). */
    published: boolean;
  }
}

/** What a rule does with an article: report on `file`, never change `tree`. */
export type RuleCheck = (tree: Root, file: VFile, context: RuleContext) => void | Promise<void>;

/**
 * A rule: its metadata, a unified lint plugin taking `[severity, context]`, and
 * the check the plugin runs (run directly by `check`, rules/check.ts).
 */
export interface Rule {
  meta: RuleMeta;
  plugin: Plugin<[unknown?], Root>;
  check: RuleCheck;
}

/** Define a rule as a unified lint rule with origin `citeproof:<id>`. */
export function defineRule(meta: RuleMeta, check: RuleCheck): Rule {
  const plugin = lintRule<Root, RuleContext | undefined>(
    { origin: `citeproof:${meta.id}` },
    (tree, file, context) => check(tree, file, context ?? { today: new Date() }),
  );
  return { meta, plugin: plugin as Plugin<[unknown?], Root>, check };
}

/** `text` as inline code in a message, with enough backticks around it for those inside. */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/gu)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
