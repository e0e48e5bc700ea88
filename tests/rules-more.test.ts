import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parse/parse.js';
import { check } from '../src/rules/check.js';
import { checkFixture, fixtures } from './helpers.js';

const rules = path.join(fixtures, 'rules');

describe('duplicates point back at the first', () => {
  for (const [rule, first] of [
    ['duplicate-source', 'First source entry defined here'],
    ['duplicate-locator', 'First used here'],
  ] as const) {
    it(`should give each ${rule} message a cause at the first entry, from citeproof, with the rule id`, async () => {
      const { file } = await checkFixture(path.join(rules, rule, 'not-ok.md'));
      const messages = file.messages.filter((message) => message.ruleId === rule);
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) {
        const line = /\(line (\d+)\)/.exec(message.reason)?.[1];
        expect(message.cause).toMatchObject({
          reason: first,
          source: 'citeproof',
          ruleId: rule,
          place: { start: { line: Number(line) } },
        });
      }
    });
  }

  it('should name no line for the first entry when the tree has no positions', async () => {
    for (const rule of ['duplicate-source', 'duplicate-locator']) {
      const value = readFileSync(path.join(rules, rule, 'not-ok.md'), 'utf8');
      const placed = new VFile({ path: 'x.md', value });
      await check(parse(placed), placed);
      const bare = new VFile({ path: 'x.md', value });
      const tree: Root = parse(bare);
      visit(tree, (node) => {
        delete node.position;
      });
      await check(tree, bare);
      const reasons = (file: VFile): string[] =>
        file.messages.filter((message) => message.ruleId === rule).map((message) => message.reason);
      expect(reasons(bare), rule).toEqual(
        reasons(placed).map((reason) => reason.replace(/ \(line \d+\)/, '')),
      );
      expect(reasons(bare).length, rule).toBeGreaterThan(0);
    }
  });
});
