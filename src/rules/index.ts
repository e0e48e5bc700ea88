import { duplicateSource } from './duplicate-source.js';
import { emptySource } from './empty-source.js';
import { invalidFrontMatter } from './invalid-front-matter.js';
import type { Rule } from './rule.js';
import { undefinedReference } from './undefined-reference.js';
import { unusedSource } from './unused-source.js';

export type { Rule, RuleMeta, Severity } from './rule.js';

/** Every rule, in the order of DESIGN.md's table. */
export const rules: readonly Rule[] = [
  undefinedReference,
  duplicateSource,
  emptySource,
  unusedSource,
  invalidFrontMatter,
];
