import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from '../src/parse/parse.js';
import { check, runRules } from '../src/rules/check.js';
import type { CiteproofOptions } from '../src/rules/plugin.js';
import { defineRule, type RuleMeta } from '../src/rules/rule.js';
import { fixtureToday, fixtures, root } from './helpers.js';

// The rules run one after another (rules/check.ts `runRules`) where unified's pipeline ran
// them (CITEPROOF_RULES=unified, the reference): the messages must be the same, field for field.

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Every Markdown file under `folder`. */
function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** A message's own fields (its place, reason, rule, source, severity, note, URL), for comparison. */
function fields(message: VFileMessage): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({
      ...message,
      message: message.message,
      reason: message.reason,
      stack: undefined,
      cause: undefined,
    }),
  ) as Record<string, unknown>;
}

/** The messages of a check of `text` with `options`, run one way (`unified` or direct). */
async function messagesOf(
  text: string,
  options: CiteproofOptions,
  way: 'direct' | 'unified',
): Promise<Array<Record<string, unknown>>> {
  vi.stubEnv('CITEPROOF_RULES', way === 'unified' ? 'unified' : '');
  const file = new VFile({ path: 'article.md', value: text });
  await check(parse(file), file, options);
  vi.unstubAllEnvs();
  return file.messages.map(fields);
}

const settings: CiteproofOptions[] = [
  { today: fixtureToday },
  {
    today: fixtureToday,
    published: false,
    rules: { 'unused-source': 'error', 'undefined-reference': 'warning', 'citation-order': 'off' },
  },
];

describe('the rules run directly and through unified', () => {
  const files = [...markdownFiles(fixtures), ...markdownFiles(path.join(root, 'source'))];

  it('should give the same messages on every fixture and source article', async () => {
    let withMessages = 0;
    let silenced = 0;
    for (const filePath of files) {
      const text = readFileSync(filePath, 'utf8');
      for (const options of settings) {
        const direct = await messagesOf(text, options, 'direct');
        expect(direct, filePath).toEqual(await messagesOf(text, options, 'unified'));
        if (direct.length > 0) withMessages++;
      }
      if (text.includes('citeproof disable') || text.includes('citeproof ignore')) silenced++;
    }
    // The comparison covers messages of every kind, and disable comments.
    expect(withMessages).toBeGreaterThan(100);
    expect(silenced).toBeGreaterThan(0);
  });

  it('should mark messages of an error rule fatal, of a warning rule not, and leave out rules switched off', async () => {
    const text = '# T\n\nA claim.[^1] Another.[^2]\n\n[^1]: Source.\n';
    const errors = await messagesOf(text, { today: fixtureToday }, 'direct');
    expect(errors.filter((m) => m['ruleId'] === 'undefined-reference')).toMatchObject([
      { fatal: true, source: 'citeproof' },
    ]);
    const warned = await messagesOf(
      text,
      { today: fixtureToday, rules: { 'undefined-reference': 'warning' } },
      'direct',
    );
    expect(warned.filter((m) => m['ruleId'] === 'undefined-reference')).toMatchObject([
      { fatal: false },
    ]);
    const off = await messagesOf(
      text,
      { today: fixtureToday, rules: { 'undefined-reference': 'off' } },
      'direct',
    );
    expect(off.some((m) => m['ruleId'] === 'undefined-reference')).toBe(false);
  });

  it('should keep what a rule reported before it threw, add its error, and go on to the next rule', async () => {
    const meta = (id: string): RuleMeta => ({
      id,
      severity: 'warning',
      description: 'A test rule.',
      help: 'None.',
      examples: [],
    });
    const throwing = defineRule(meta('throws'), (_tree, file) => {
      file.message('Before the throw', { ruleId: 'mine' });
      throw new Error('Broken rule');
    });
    const rejecting = defineRule(meta('rejects'), async (_tree, file) => {
      await Promise.resolve();
      file.message('Before the rejection');
      throw new Error('Broken async rule');
    });
    const reporting = defineRule(meta('reports'), (_tree, file) => {
      file.message('After the throws');
    });
    const context = { today: fixtureToday };
    const plan = [
      { rule: throwing, level: 1 as const, context },
      { rule: rejecting, level: 2 as const, context },
      { rule: reporting, level: 1 as const, context },
    ];
    const tree: Root = { type: 'root', children: [] };

    const direct = new VFile({ path: 'a.md', value: '' });
    await runRules(tree, direct, plan);
    const piped = new VFile({ path: 'a.md', value: '' });
    const processor = unified();
    for (const { rule, level } of plan) processor.use(rule.plugin, [level, context]);
    await processor.run(tree, piped);

    expect(direct.messages.map(fields)).toEqual(piped.messages.map(fields));
    expect(direct.messages.map((m) => [m.ruleId, m.reason, m.fatal])).toEqual([
      ['throws', 'Before the throw', false],
      ['throws', 'Broken rule', false],
      ['rejects', 'Before the rejection', true],
      ['rejects', 'Broken async rule', true],
      ['reports', 'After the throws', false],
    ]);
  });
});
