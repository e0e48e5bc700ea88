import type { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { reporterJson } from 'vfile-reporter-json';
import type { VFileMessage } from 'vfile-message';
import { rules } from '../rules/index.js';

export type Format = 'text' | 'json' | 'github' | 'sarif';

export const formats: readonly Format[] = ['text', 'json', 'github', 'sarif'];

export interface ReportOptions {
  format: Format;
  /** Only files with problems (text), only problems (all formats). */
  quiet?: boolean;
  color?: boolean;
  /** The tool's version (SARIF). */
  version?: string;
  /** The address of the rules' documentation (SARIF `helpUri`: `<rulesUrl>#<rule-id>`). */
  rulesUrl?: string;
}

/** Format the messages of checked files; the empty string when there is nothing to say. */
export function report(files: readonly VFile[], options: ReportOptions): string {
  switch (options.format) {
    case 'json':
      return `${reporterJson([...files], { quiet: options.quiet === true })}\n`;
    case 'sarif':
      return `${JSON.stringify(sarif(files, options), null, 2)}\n`;
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

/** A SARIF 2.1.0 log: one run, the rules as the driver's rules, one result per message. */
export function sarif(
  files: readonly VFile[],
  options: Pick<ReportOptions, 'version' | 'rulesUrl'> = {},
): object {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'citeproof',
            ...(options.version
              ? { version: options.version, semanticVersion: options.version }
              : {}),
            rules: rules.map((rule) => ({
              id: rule.meta.id,
              name: rule.meta.id.replace(/-(.)/g, (_, letter: string) => letter.toUpperCase()),
              shortDescription: { text: rule.meta.description },
              fullDescription: { text: rule.meta.help },
              ...(options.rulesUrl ? { helpUri: `${options.rulesUrl}#${rule.meta.id}` } : {}),
              help: {
                text: rule.meta.help,
                markdown: `${rule.meta.help}\n\nSee [docs/rules.md](${options.rulesUrl ?? 'docs/rules.md'}#${rule.meta.id}).`,
              },
              defaultConfiguration: { level: rule.meta.severity === 'error' ? 'error' : 'warning' },
            })),
          },
        },
        columnKind: 'unicodeCodePoints',
        results: files.flatMap((file) =>
          file.messages.map((message) => {
            const start =
              message.place && 'start' in message.place ? message.place.start : message.place;
            const end = message.place && 'end' in message.place ? message.place.end : undefined;
            const index = message.ruleId ? ruleIndex.get(message.ruleId) : undefined;
            const region = start?.line
              ? {
                  region: {
                    startLine: start.line,
                    ...(start.column ? { startColumn: start.column } : {}),
                    ...(end?.line ? { endLine: end.line, endColumn: end.column } : {}),
                  },
                }
              : {};
            return {
              ruleId: message.ruleId ?? 'citeproof',
              ...(index === undefined ? {} : { ruleIndex: index }),
              level: message.fatal === true ? 'error' : 'warning',
              message: { text: message.reason },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: file.path.split('\\').join('/') },
                    ...region,
                  },
                },
              ],
            };
          }),
        ),
      },
    ],
  };
}
