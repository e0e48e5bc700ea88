import { commentMarker } from 'mdast-comment-marker';
import type { Html, Root } from 'mdast';
import { indexTree } from '../model/tree-index.js';

/*
 * The stretches of an article where comments switch rules off: `<!-- citeproof disable
 * [ids…] -->` up to a matching `enable` (or the end), `ignore [ids…]` for the next node, and
 * remark-lint's `<!-- lint … -->` alike. Message control (message-control.ts) drops the
 * messages in them; a rule that reports only so many messages asks first (`silencer`).
 */

/** A stretch of the file where some rules (or all but `except`, when `rules` is empty) are off. */
export interface Silence {
  rules: string[];
  except?: string[];
  start: number;
  end: number;
}

/** Comment names that control citeproof messages: `<!-- citeproof disable … -->` and remark-lint's `<!-- lint … -->`. */
const names = new Set(['citeproof', 'lint']);

/**
 * The stretches of the file the comments of `tree` silence; `onComment` is told of each
 * `citeproof` comment (message control warns of the unknown rule ids it names).
 */
export function findSilences(
  tree: Root,
  onComment?: (rules: string[], verb: string, node: Html) => void,
): Silence[] {
  const silences: Silence[] = [];
  const open: Silence[] = [];
  for (const { node, parent } of indexTree(tree).html) {
    const marker = commentMarker(node);
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (!marker || !names.has(marker.name) || start === undefined || end === undefined) continue;
    const [verb, ...rules] = marker.attributes.split(/\s+/).filter(Boolean);
    if (marker.name === 'citeproof') onComment?.(rules, verb ?? '', node);
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

/** Whether `silence` switches off the messages of rule `ruleId`. */
export function isSilenced(silence: Silence, ruleId: string | undefined): boolean {
  if (silence.rules.length > 0) return ruleId !== undefined && silence.rules.includes(ruleId);
  return ruleId === undefined || !(silence.except ?? []).includes(ruleId);
}

/**
 * Whether the comments of `tree` switch off rule `ruleId`'s messages at `offset`, for a rule
 * that must know before it reports (one that reports only so many messages).
 */
export function silencer(tree: Root): (offset: number, ruleId: string) => boolean {
  const silences = findSilences(tree);
  return (offset, ruleId) =>
    silences.some(
      (silence) => offset >= silence.start && offset < silence.end && isSilenced(silence, ruleId),
    );
}
