import type { VFileMessage } from 'vfile-message';
import { rules } from './index.js';

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
    'Every rule has a fixed id. Its severity can be set to `off`, `warning` or `error` in the `citeproof` key of `package.json` or in `citeproof.config.json` (`{"rules": {"unused-source": "error"}}`), and a rule can be switched off for one place with `<!-- citeproof disable rule-id -->` … `<!-- citeproof enable rule-id -->`, or for the next node with `<!-- citeproof ignore rule-id -->`.',
    '',
    '| rule | default | fires on |',
    '| --- | --- | --- |',
    ...rules.map(
      (rule) =>
        `| [\`${rule.meta.id}\`](#${rule.meta.id}) | ${rule.meta.severity} | ${rule.meta.description} |`,
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
