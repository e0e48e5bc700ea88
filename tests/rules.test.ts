import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { check } from '../src/rules/check.js';
import { parse } from '../src/parse/parse.js';
import { rules } from '../src/rules/index.js';
import { checkFixture, fixtures } from './helpers.js';

const ruleFixtures = path.join(fixtures, 'rules');

describe('rule fixtures', () => {
  for (const rule of readdirSync(ruleFixtures)) {
    const folder = path.join(ruleFixtures, rule);
    for (const name of readdirSync(folder).filter((each) => each.endsWith('.md'))) {
      const expectedPath = path.join(folder, name.replace(/\.md$/, '.expected'));
      let expected: string[] = [];
      try {
        expected = readFileSync(expectedPath, 'utf8').split('\n').filter(Boolean);
      } catch {
        // No `.expected` file: the fixture must pass without messages.
      }
      it(`should report ${expected.length === 0 ? 'nothing' : expected.length + ' message(s)'} on ${rule}/${name}`, async () => {
        const { lines } = await checkFixture(path.join(folder, name));
        expect(lines).toEqual(expected);
      });
    }
  }

  it('should have a fixture folder with a passing and a failing example for every rule', () => {
    for (const rule of rules) {
      const names = readdirSync(path.join(ruleFixtures, rule.meta.id));
      expect(names, rule.meta.id).toContain('ok.md');
      expect(names, rule.meta.id).toContain('not-ok.md');
      expect(
        names.some((name) => name.endsWith('.expected')),
        rule.meta.id,
      ).toBe(true);
    }
  });
});

describe('messages', () => {
  it('should carry source, rule id, fatal and the start of the offending node', async () => {
    const { file } = await checkFixture(
      path.join(ruleFixtures, 'undefined-reference', 'not-ok.md'),
    );
    const [first] = file.messages;
    expect(first).toMatchObject({
      source: 'citeproof',
      ruleId: 'undefined-reference',
      fatal: true,
      line: 7,
      column: 43,
    });
  });

  it('should point a duplicate back at the first definition', async () => {
    const { file } = await checkFixture(path.join(ruleFixtures, 'duplicate-source', 'not-ok.md'));
    const cause = file.messages[0]?.cause as { place?: { start?: { line: number } } } | undefined;
    expect(cause?.place?.start?.line).toBe(9);
  });

  it('should make unused sources warnings, not errors', async () => {
    const { file } = await checkFixture(path.join(ruleFixtures, 'unused-source', 'not-ok.md'));
    expect(file.messages.map((message) => message.fatal)).toEqual([false]);
  });
});

describe('rules on trees without positions', () => {
  it('should not crash nor invent places when positions are stripped', async () => {
    for (const name of [
      'undefined-reference/not-ok.md',
      'duplicate-source/not-ok.md',
      'empty-source/not-ok.md',
      'unused-source/not-ok.md',
    ]) {
      const value = readFileSync(path.join(ruleFixtures, name), 'utf8');
      const file = new VFile({ path: name, value });
      const tree: Root = parse(file);
      visit(tree, (node) => {
        delete node.position;
      });
      await check(tree, file);
      for (const message of file.messages) expect(message.line, name).toBeUndefined();
    }
  });
});

describe('severity configuration', () => {
  it('should turn a rule off, or raise a warning to an error', async () => {
    const value = readFileSync(path.join(ruleFixtures, 'unused-source', 'not-ok.md'), 'utf8');
    const off = new VFile({ path: 'x.md', value });
    await check(parse(off), off, { rules: { 'unused-source': 'off' } });
    expect(off.messages).toEqual([]);
    const raised = new VFile({ path: 'x.md', value });
    await check(parse(raised), raised, { rules: { 'unused-source': 'error' } });
    expect(raised.messages.map((message) => message.fatal)).toEqual([true]);
  });
});
