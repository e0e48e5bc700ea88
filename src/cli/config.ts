import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type CiteproofOptions, validateRuleSeverities } from '../rules/plugin.js';
import type { Severity } from '../rules/index.js';

/** The configuration found for a folder, or the one-line reason it is invalid. */
export type ConfigResult =
  { options: CiteproofOptions; articles?: string; from?: string } | { error: string };

/**
 * Read the configuration of `cwd`: `citeproof.config.json`, else the
 * `citeproof` key of `package.json`, else none. Shape: `{"rules": {"id": "off" | "warning" | "error"},
 * "articles": "source"}` (`articles`: the folder of published articles, relative to `cwd`).
 */
export async function loadConfig(cwd: string): Promise<ConfigResult> {
  const own = await readJson(path.join(cwd, 'citeproof.config.json'));
  if (own.kind === 'invalid') return { error: `citeproof.config.json: ${own.reason}` };
  if (own.kind === 'found') return validate(own.value, 'citeproof.config.json');
  const manifest = await readJson(path.join(cwd, 'package.json'));
  if (manifest.kind === 'invalid') return { error: `package.json: ${manifest.reason}` };
  if (manifest.kind === 'found' && isObject(manifest.value) && 'citeproof' in manifest.value) {
    return validate(manifest.value['citeproof'], 'package.json (`citeproof` key)');
  }
  return { options: {} };
}

function validate(value: unknown, from: string): ConfigResult {
  if (!isObject(value))
    return { error: `${from}: expected an object such as {"rules": {"unused-source": "error"}}` };
  const unknownKeys = Object.keys(value).filter((key) => key !== 'rules' && key !== 'articles');
  if (unknownKeys.length > 0)
    return {
      error: `${from}: unknown setting \`${unknownKeys[0]}\`, expected \`rules\` or \`articles\``,
    };
  const articles = value['articles'];
  if (articles !== undefined && (typeof articles !== 'string' || articles.trim() === ''))
    return { error: `${from}: \`articles\` must be a folder name such as "source"` };
  const rules = value['rules'] ?? {};
  if (!isObject(rules))
    return { error: `${from}: \`rules\` must be an object of rule ids and severities` };
  const problems = validateRuleSeverities(rules);
  if (problems.length > 0) return { error: `${from}: ${problems.join('; ')}` };
  return {
    options: { rules: rules as Record<string, Severity> },
    ...(articles === undefined ? {} : { articles }),
    from,
  };
}

type Read =
  { kind: 'missing' } | { kind: 'found'; value: unknown } | { kind: 'invalid'; reason: string };

async function readJson(file: string): Promise<Read> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return {
      kind: 'invalid',
      reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
  try {
    return { kind: 'found', value: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'invalid', reason: `invalid JSON (${(error as Error).message})` };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
