import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { check } from '../src/rules/check.js';
import { parse } from '../src/parse/parse.js';
import { rules, type Severity } from '../src/rules/index.js';
import { formatExampleMessage } from '../src/rules/docs.js';

const today = new Date('2026-11-27T12:00:00Z');

describe('rule documentation examples', () => {
  for (const rule of rules) {
    it(`should have a passing and a failing example for ${rule.meta.id}`, () => {
      expect(rule.meta.examples.some((example) => example.expected.length === 0)).toBe(true);
      expect(rule.meta.examples.some((example) => example.expected.length > 0)).toBe(true);
    });
    for (const example of rule.meta.examples) {
      it(`should give what ${rule.meta.id}'s example “${example.title}” documents`, async () => {
        const file = new VFile({ path: 'example.md', value: example.markdown });
        const only: Record<string, Severity> = Object.fromEntries(
          rules.map((each): [string, Severity] => [
            each.meta.id,
            each === rule ? each.meta.severity : 'off',
          ]),
        );
        await check(parse(file), file, { rules: only, today });
        expect(file.messages.map(formatExampleMessage)).toEqual(example.expected);
        for (const message of file.messages) {
          expect(message.ruleId).toBe(rule.meta.id);
          expect(message.fatal).toBe(rule.meta.severity === 'error');
        }
      });
    }
  }
});
