import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { lintRule } from 'unified-lint-rule';
import type { VFile } from 'vfile';

export type Severity = 'off' | 'warning' | 'error';

/** What a rule is: its fixed id, default severity and a one-line description. */
export interface RuleMeta {
  id: string;
  severity: Exclude<Severity, 'off'>;
  description: string;
}

/** A rule: its metadata and a unified lint plugin taking `[severity]`. */
export interface Rule {
  meta: RuleMeta;
  plugin: Plugin<[unknown?], Root>;
}

/** Define a rule as a unified lint rule with origin `citeproof:<id>`. */
export function defineRule(meta: RuleMeta, check: (tree: Root, file: VFile) => void): Rule {
  const plugin = lintRule<Root, unknown>({ origin: `citeproof:${meta.id}` }, (tree, file) => {
    check(tree, file);
  });
  return { meta, plugin: plugin as Plugin<[unknown?], Root> };
}
