import type { VFileMessage } from 'vfile-message';
import { rules } from './index.js';
import { labelPairs } from './label-semantics.js';

/** A message as rule examples write it: `line:column-line:column: reason`. */
export function formatExampleMessage(message: VFileMessage): string {
  const start = message.place && 'start' in message.place ? message.place.start : message.place;
  const end = message.place && 'end' in message.place ? message.place.end : undefined;
  const place = `${start?.line ?? 0}:${start?.column ?? 0}${end?.line ? `-${end.line}:${end.column}` : ''}`;
  return `${place}: ${message.reason}`;
}

/** `docs/rules.md`, made from the rule modules: descriptions, help and examples. */
export function rulesDocument(): string {
  const lines: string[] = [
    '# Rules',
    '',
    '<!-- Generated from src/rules/*.ts by `npm run docs`; do not edit. -->',
    '',
    'Every rule has a fixed id. Its severity can be set to `off`, `warning` or `error` in the `citeproof` key of `package.json` or in `citeproof.config.json` (`{"rules": {"unused-source": "error"}}`; `"articles": "source"` names the folder of published articles, see [invalid-front-matter](#invalid-front-matter)), and a rule can be switched off for one place with `<!-- citeproof disable rule-id -->` … `<!-- citeproof enable rule-id -->`, or for the next node with `<!-- citeproof ignore rule-id -->`.',
    '',
    '| rule | default | fires on |',
    '| --- | --- | --- |',
    ...rules.map(
      (rule) =>
        `| [\`${rule.meta.id}\`](#${rule.meta.id}) | ${rule.meta.severity} | ${rule.meta.description} |`,
    ),
    '',
    '## Footnote labels',
    '',
    'A call `[^label]` cites the entry `[^label]: …` exactly when GFM (micromark) matches them, and the rules match them the same way: on the label **as written** in the source, escapes and character references undecoded, with Unicode case folding (`normalizeIdentifier`, then lower case) and no other normalization. A label has at least one character, at most 999, and no space, tab, line break or unescaped `[` or `]`; `[^a b]` is text, not a call. Messages show the label as written. Every pair below is checked against micromark by the tests.',
    '',
    '| call | entry | same note? | why |',
    '| --- | --- | --- | --- |',
    ...labelPairs.map(
      (pair) =>
        `| ${cell(`[^${pair.call}]`)} | ${cell(`[^${pair.entry}]: …`)} | ${pair.same ? 'yes' : 'no'} | ${pair.why} |`,
    ),
    '',
  ];
  for (const rule of rules) {
    lines.push(
      `## ${rule.meta.id}`,
      '',
      `Default: ${rule.meta.severity}. ${rule.meta.description}`,
      '',
      rule.meta.help,
      '',
    );
    for (const example of rule.meta.examples) {
      lines.push(
        `### ${example.title}`,
        '',
        '```markdown',
        example.markdown.replace(/\n$/, ''),
        '```',
        '',
      );
      if (example.expected.length === 0) lines.push('No messages.', '');
      else lines.push('```text', ...example.expected, '```', '');
    }
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/** `text` as inline code in a table cell (pipes escaped, code points GitHub would hide named). */
function cell(text: string): string {
  const shown = text.replace(/\u00a0/gu, '\u2423').replace(/\|/gu, '\\|');
  return `\`${shown}\``;
}
