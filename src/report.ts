import type { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { reporterJson } from 'vfile-reporter-json';
import type { VFileMessage } from 'vfile-message';

export type Format = 'text' | 'json' | 'github';

export const formats: readonly Format[] = ['text', 'json', 'github'];

export interface ReportOptions {
  format: Format;
  /** Only files with problems (text), only problems (all formats). */
  quiet?: boolean;
  color?: boolean;
}

/** Format the messages of checked files; the empty string when there is nothing to say. */
export function report(files: readonly VFile[], options: ReportOptions): string {
  switch (options.format) {
    case 'json':
      return `${reporterJson([...files], { quiet: options.quiet === true })}\n`;
    case 'github':
      return files
        .flatMap((file) => file.messages.map((message) => githubCommand(file, message)))
        .join('');
    default: {
      const text = reporter([...files], {
        quiet: options.quiet === true,
        color: options.color === true,
      });
      return text ? `${text}\n` : '';
    }
  }
}

/** A GitHub Actions workflow command (`::error file=…,line=…::…`) for one message. */
export function githubCommand(file: VFile, message: VFileMessage): string {
  const level = message.fatal === true ? 'error' : 'warning';
  const properties: string[] = [`file=${escapeProperty(file.path)}`];
  const start = message.place && 'start' in message.place ? message.place.start : message.place;
  const end = message.place && 'end' in message.place ? message.place.end : undefined;
  if (start?.line) properties.push(`line=${start.line}`);
  if (start?.column) properties.push(`col=${start.column}`);
  if (end?.line) properties.push(`endLine=${end.line}`);
  if (end?.column) properties.push(`endColumn=${end.column}`);
  properties.push(`title=${escapeProperty(`citeproof ${message.ruleId ?? ''}`.trim())}`);
  return `::${level} ${properties.join(',')}::${escapeData(message.reason)}\n`;
}

function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
