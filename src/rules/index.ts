/**
 * rules/ — one rule per file, each a unified lint rule made with `defineRule` (rule.ts)
 * whose examples run as tests and make docs/rules.md (docs.ts); the rules as one plugin
 * (plugin.ts) with disable comments (message-control.ts); `check` (check.ts). Rules read
 * the model, never an edition.
 */
import { citationOrder } from './citation-order.js';
import { duplicateLocator } from './duplicate-locator.js';
import { duplicateSource } from './duplicate-source.js';
import { emptySource } from './empty-source.js';
import { invalidAccessDate } from './invalid-access-date.js';
import { invalidFrontMatter } from './invalid-front-matter.js';
import { missingFigure } from './missing-figure.js';
import { missingLocator } from './missing-locator.js';
import { plainCitation } from './plain-citation.js';
import type { Rule } from './rule.js';
import { undefinedReference } from './undefined-reference.js';
import { unsafeLink } from './unsafe-link.js';
import { unresolvedBackReference } from './unresolved-back-reference.js';
import { unsupportedCharacter } from './unsupported-character.js';
import { unusedSource } from './unused-source.js';

export type { Rule, RuleContext, RuleExample, RuleMeta, Severity } from './rule.js';

/** Every rule, in the order of DESIGN.md's table. */
export const rules: readonly Rule[] = [
  undefinedReference,
  duplicateSource,
  emptySource,
  unresolvedBackReference,
  invalidAccessDate,
  unusedSource,
  missingLocator,
  duplicateLocator,
  plainCitation,
  citationOrder,
  invalidFrontMatter,
  unsafeLink,
  missingFigure,
  unsupportedCharacter,
];
