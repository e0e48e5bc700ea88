import { commentMarker } from 'mdast-comment-marker';
import type { Root } from 'mdast';
import { indexTree } from '../model/tree-index.js';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';

/** A stretch of the file where some rules (or all, when `rules` is empty) are off. */
interface Silence {
  rules: string[];
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
  const silences = findSilences(tree);
  if (silences.length === 0) return;
  const toOffset = location(file).toOffset;
  file.messages = file.messages.filter((message) => {
    if (message.source !== 'citeproof' || !message.line) return true;
    const offset = toOffset({ line: message.line, column: message.column ?? 1 });
    if (offset === undefined) return true;
    return !silences.some(
      (silence) =>
        offset >= silence.start &&
        offset < silence.end &&
        (silence.rules.length === 0 ||
          (message.ruleId !== undefined && silence.rules.includes(message.ruleId))),
    );
  });
}

function findSilences(tree: Root): Silence[] {
  const silences: Silence[] = [];
  const open: Silence[] = [];
  for (const { node, parent } of indexTree(tree).html) {
    const marker = commentMarker(node);
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (!marker || !names.has(marker.name) || start === undefined || end === undefined) continue;
    const [verb, ...rules] = marker.attributes.split(/\s+/).filter(Boolean);
    if (verb === 'disable') {
      const silence = { rules, start: end, end: Number.POSITIVE_INFINITY };
      open.push(silence);
      silences.push(silence);
    } else if (verb === 'enable') {
      for (const silence of open) {
        if (silence.end !== Number.POSITIVE_INFINITY) continue;
        if (rules.length === 0 || silence.rules.some((rule) => rules.includes(rule)))
          silence.end = start;
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
