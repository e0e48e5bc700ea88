import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesDocument } from '../src/rules/docs.js';
import { rules } from '../src/rules/index.js';
import { root } from './helpers.js';

describe('docs/rules.md', () => {
  it('should be what the rule modules generate (run `npm run docs` when this fails)', () => {
    expect(readFileSync(path.join(root, 'docs', 'rules.md'), 'utf8')).toBe(rulesDocument());
  });

  it('should document every rule with its examples', () => {
    const document = rulesDocument();
    for (const rule of rules) {
      expect(document).toContain(`## ${rule.meta.id}`);
      for (const example of rule.meta.examples) expect(document).toContain(example.markdown.trim());
    }
  });
});
