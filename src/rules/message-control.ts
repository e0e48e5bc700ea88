import { commentMarker } from 'mdast-comment-marker';
import type { Html, Root } from 'mdast';
import { indexTree } from '../model/tree-index.js';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { closest } from './did-you-mean.js';
import { rules as allRules } from './index.js';

/** A stretch of the file where some rules (or all but `except`, when `rules` is empty) are off. */
interface Silence {
  rules: string[];
  except?: string[];
  start: number;
  end: number;
}

/** Comment names that control citeproof messages: `<!-- citeproof disable … -->` and remark-lint's `<!-- lint … -->`. */
const names = new Set(['citeproof', 'lint']);

/**
 * Drop the citeproof messages that comments switch off: `disable [ids…]` up
 * to a matching `enable [ids…]` (or the end), `ignore [ids…]` for the next
 * node. (remark-message-control also drops messages in "gaps" between nodes,
 * which loses messages on empty source entries at the end of a file.)
 */
export function applyMessageControl(tree: Root, file: VFile): void {
  const silences = findSilences(tree, file, true);
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

/** Whether `silence` switches off the messages of rule `ruleId`. */
function isSilenced(silence: Silence, ruleId: string | undefined): boolean {
  if (silence.rules.length > 0) return ruleId !== undefined && silence.rules.includes(ruleId);
  return ruleId === undefined || !(silence.except ?? []).includes(ruleId);
}

/**
 * Whether the comments of `tree` switch off rule `ruleId`'s messages at `offset`, for a rule
 * that must know before it reports (one that reports only so many messages).
 */
export function silencer(tree: Root, file: VFile): (offset: number, ruleId: string) => boolean {
  const silences = findSilences(tree, file, false);
  return (offset, ruleId) =>
    silences.some(
      (silence) => offset >= silence.start && offset < silence.end && isSilenced(silence, ruleId),
    );
}

/** The rule id of a warning about a `citeproof` comment that names no citeproof rule. */
export const unknownRuleId = 'unknown-rule';

/** The stretches comments silence; `warn`: warn of unknown rule ids (once per check). */
function findSilences(tree: Root, file: VFile, warn: boolean): Silence[] {
  const silences: Silence[] = [];
  const open: Silence[] = [];
  for (const { node, parent } of indexTree(tree).html) {
    const marker = commentMarker(node);
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (!marker || !names.has(marker.name) || start === undefined || end === undefined) continue;
    const [verb, ...rules] = marker.attributes.split(/\s+/).filter(Boolean);
    if (warn && marker.name === 'citeproof') warnUnknown(rules, verb ?? '', node, file);
    if (verb === 'disable') {
      const silence = { rules, start: end, end: Number.POSITIVE_INFINITY };
      open.push(silence);
      silences.push(silence);
    } else if (verb === 'enable') {
      for (const silence of open.splice(0)) {
        const rest = enableIn(silence, rules, end);
        if (rest === silence) open.push(silence);
        else {
          silence.end = start;
          if (rest) {
            open.push(rest);
            silences.push(rest);
          }
        }
      }
    } else if (verb === 'ignore') {
      const next = parent ? parent.children[parent.children.indexOf(node) + 1] : undefined;
      const from = next?.position?.start.offset;
      const to = next?.position?.end.offset;
      if (from !== undefined && to !== undefined) silences.push({ rules, start: from, end: to });
    }
  }
  return silences;
}

/**
 * What stays off of an open `silence` after `enable [rules]` (ending at
 * `from`): the silence itself when it names none of them, else a new silence
 * of the rest from `from` (or none). As remark-message-control keeps a state
 * per rule: `disable a b` then `enable a` leaves `b` off; `disable` then
 * `enable a` leaves all but `a` off.
 */
function enableIn(silence: Silence, rules: string[], from: number): Silence | undefined {
  if (rules.length === 0) return undefined;
  const infinite = Number.POSITIVE_INFINITY;
  if (silence.rules.length === 0) {
    const except = [...new Set([...(silence.except ?? []), ...rules])];
    if (except.length === (silence.except ?? []).length) return silence;
    return { rules: [], except, start: from, end: infinite };
  }
  const rest = silence.rules.filter((rule) => !rules.includes(rule));
  if (rest.length === silence.rules.length) return silence;
  return rest.length > 0 ? { rules: rest, start: from, end: infinite } : undefined;
}

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
