import type { Html, Root } from 'mdast';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { closest } from './did-you-mean.js';
import { rules as allRules } from './index.js';
import { findSilences, isSilenced } from './silences.js';

/**
 * Drop the citeproof messages that comments switch off: `disable [ids…]` up
 * to a matching `enable [ids…]` (or the end), `ignore [ids…]` for the next
 * node. (remark-message-control also drops messages in "gaps" between nodes,
 * which loses messages on empty source entries at the end of a file.)
 */
export function applyMessageControl(tree: Root, file: VFile): void {
  const silences = findSilences(tree, (rules, verb, node) => warnUnknown(rules, verb, node, file));
  if (silences.length === 0) return;
  const toOffset = location(file).toOffset;
  file.messages = file.messages.filter((message) => {
    if (message.source !== 'citeproof' || !message.line) return true;
    const offset = toOffset({ line: message.line, column: message.column ?? 1 });
    if (offset === undefined) return true;
    return !silences.some(
      (silence) =>
        offset >= silence.start && offset < silence.end && isSilenced(silence, message.ruleId),
    );
  });
}

/** The rule id of a warning about a `citeproof` comment that names no citeproof rule. */
export const unknownRuleId = 'unknown-rule';

/**
 * Warn of rule ids a `citeproof` comment names that are not citeproof's (a
 * typo would otherwise silence nothing, silently). `lint` comments may name
 * other remark-lint rules, so they are not checked.
 */
function warnUnknown(ids: readonly string[], verb: string, node: Html, file: VFile): void {
  const known = allRules.map((rule) => rule.meta.id);
  for (const id of ids) {
    if (known.includes(id)) continue;
    const message = file.message(
      `Unexpected unknown rule id \`${id}\` in a \`citeproof ${verb}\` comment, expected a citeproof rule id${closest(id, known, ' such as `%s`') ?? ''}`,
      { place: node.position?.start, ruleId: unknownRuleId, source: 'citeproof' },
    );
    message.fatal = false;
  }
}
