/**
 * report/ — checked vfiles as text (vfile-reporter), json (vfile-reporter-json),
 * GitHub workflow commands or SARIF 2.1.0, with control and bidi characters escaped.
 */
import { VFile } from 'vfile';
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

/**
 * Control characters and Unicode bidirectional controls: echoed raw (a label,
 * a file name), they would move the cursor, color the terminal or flip the
 * rest of the line, so a report could show what is not there.
 */
const unsafeCharacters =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** `text` with each control or bidi character shown as `<U+202E>`. */
export function visible(text: string): string {
  return text.replace(
    unsafeCharacters,
    (character) =>
      `<U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

/** What JSON.stringify leaves raw of `unsafeCharacters`: C1 controls and bidi controls. */
const rawInJson = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** JSON text with the characters JSON.stringify leaves raw (`rawInJson`) written as `\uXXXX`. */
function escapedJson(json: string): string {
  return json.replace(
    rawInJson,
    (character) => `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** Copies of `files` whose paths and messages show control and bidi characters (`visible`). */
function visibleFiles(files: readonly VFile[]): VFile[] {
  return files.map((file) => {
    const copy = new VFile({ path: visible(file.path), cwd: file.cwd });
    copy.messages = file.messages.map((message) => {
      const shown: VFileMessage = Object.assign(
        Object.create(Object.getPrototypeOf(message) as object) as VFileMessage,
        message,
      );
      shown.reason = visible(message.reason);
      shown.message = visible(message.message);
      if (message.file) shown.file = visible(message.file);
      return shown;
    });
    return copy;
  });
}

/** Format the messages of checked files; the empty string when there is nothing to say. */
export function report(files: readonly VFile[], options: ReportOptions): string {
  switch (options.format) {
    case 'json':
      return `${escapedJson(reporterJson([...files], { quiet: options.quiet === true }))}\n`;
    case 'sarif':
      return `${escapedJson(JSON.stringify(sarif(files, options), null, 2))}\n`;
    case 'github':
      return files
        .flatMap((file) => file.messages.map((message) => githubCommand(file, message)))
        .join('');
    default: {
      const text = reporter(visibleFiles(files), {
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
  return visible(value).replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
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
