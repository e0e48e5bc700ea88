import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { toString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worstWithinLimits } from '../../bench/gen-worst.mjs';
import { limits, overLimit } from '../../src/parse/limits.js';
import { slowParse } from '../../src/parse/parse.js';
import { timedBin } from '../helpers.js';

const frontMatter = '---\ntitle: Shapes\nauthor: Test Author\nlang: en\n---\n\n';

// Budgets are blow-up guards, far above the expected times (a second to check and six to
// build on a quiet machine): the machine running the tests is shared and often loaded.
const checkBudgetMs = 120_000;
const buildBudgetMs = 240_000;

let scratch: string;

function cli(args: string[]): { status: number | null; output: string; ms: number } {
  return timedBin(args, scratch, buildBudgetMs * 2);
}

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'citeproof-limits-'));
  writeFileSync(path.join(scratch, 'worst-1mb.md'), worstWithinLimits(1_000_000, overLimit));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the worst article within the limits (bench/gen-worst.mjs)', () => {
  it(
    'should check the worst article within the limits, 1 MB, in linear time',
    () => {
      const worst = worstWithinLimits(1_000_000, overLimit);
      expect(worst.length).toBeGreaterThan(940_000);
      expect(worst.length).toBeLessThan(1_000_000);
      expect(overLimit(worst)).toBeUndefined();
      // At the limit: one more paragraph of openers is refused.
      expect(overLimit(`${worst}\n${'*a **a _a __a [b (c `d` e\n'.repeat(40)}`)).toMatch(
        /^more than 30000 lines and inline marks \(a word counts an eighth, each letter of a word after its 63rd a sixth\) by line \d+/u,
      );
      const result = cli(['check', 'worst-1mb.md']);
      expect(result.output).not.toMatch(/Cannot parse|internal error/);
      expect(result.status).toBe(0);
      expect(result.ms).toBeLessThan(checkBudgetMs);
    },
    checkBudgetMs * 2,
  );

  it(
    'should build the worst article within the limits',
    () => {
      const result = cli(['build', 'worst-1mb.md', '--out', 'out']);
      expect(result.output).not.toMatch(/Cannot|internal error/);
      expect(result.status).toBe(0);
      expect(result.ms).toBeLessThan(buildBudgetMs);
    },
    buildBudgetMs * 2,
  );
});

describe('the scan never counts less than micromark parses (property)', () => {
  // Blocks that change what the lines after them are (containers, fences, HTML, definitions),
  // then lines of 10,001 letters after a start each, which micromark may join into one
  // paragraph over the limit. The generated values are the parts (the text is built in the
  // property): a counterexample reads as its parts.
  const block = fc.constantFrom(
    '<custom-tag>',
    '<div>',
    '</div>',
    '<!--',
    '-->',
    '<pre>',
    '</pre>',
    '<?x',
    '?>',
    '<![CDATA[',
    ']]>',
    '<span>a</span>',
    '```',
    '~~~',
    '``` a`b',
    '> ```',
    '- ```',
    '  ```',
    '    ```',
    '\t```',
    '> a',
    '>',
    '> > a',
    '- a',
    '1. a',
    '2. a',
    '  - a',
    '1.     a',
    '-\ta',
    '# h',
    'h\n=',
    '---',
    '***',
    'text',
    '> - a',
    '>     code',
    '- > a',
    '1. > a',
    '  > a',
    '<details>',
    '<script>',
    '</script>',
    '| a | b |\n|---|---|\n| c | d |',
    '* * *',
    '- - a',
    '[^1]:\n    a',
    '  [x]: y',
    '| a |\n| - |',
    '[a]: x',
    '[a]: <x> "t"',
    '[^1]: a',
    '    code',
    '',
  );
  const start = fc.constantFrom(
    '',
    '> ',
    '>',
    '> > ',
    '  ',
    '   ',
    '    ',
    '\t',
    '- ',
    '* ',
    '  - ',
    '   - ',
    '    - ',
    '\t- ',
    '1. ',
    '1) ',
    '2. ',
    '10. ',
    '01. ',
    '  2. ',
    '   1. ',
    '     1. ',
    '> 2. ',
    '> - ',
    '[x]: ',
    '[^x]: ',
    '| ',
    '<b>',
    '>  - ',
    '> 1. ',
    '-  ',
    '  1. ',
    '\t1. ',
    ' > ',
    '[^y]:     ',
    '# ',
    '***',
    '~~~ ',
  );
  const parts = fc.tuple(
    fc.array(block, { maxLength: 6 }),
    fc.array(start, { minLength: 5, maxLength: 6 }),
  );

  it('should refuse every article micromark parses a paragraph over 50,000 characters from', () => {
    fc.assert(
      fc.property(parts, ([blocks, starts]) => {
        const lines = [...blocks, ...starts.map((each) => each + 'a'.repeat(10_001))];
        const text = `${frontMatter}${lines.join('\n')}\n`;
        if (overLimit(text) !== undefined) return;
        let longest = 0;
        const walk = (node: { type: string; children?: unknown[] }): void => {
          if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell')
            longest = Math.max(longest, toString(node).length);
          for (const child of node.children ?? [])
            walk(child as { type: string; children?: unknown[] });
        };
        walk(slowParse(new VFile({ value: text })));
        expect(longest).toBeLessThanOrEqual(limits.paragraphCharacters);
      }),
      { seed: 1412, numRuns: 150 },
    );
  });
});
