import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parseAndCheck } from '../../src/rules/check.js';
import { fixtureToday, root } from '../helpers.js';

// Articles like real writing (bench/gen-realistic.mjs): quotes, lists, tables, figures,
// code, HTML, escapes, entities, autolinks, TOML and YAML front matter, dollar amounts
// next to calls, calls inside lists, quotes and tables, and decoys that are not calls.

const kinds: Record<string, string> = {
  undefined: 'undefined-reference',
  unused: 'unused-source',
  duplicate: 'duplicate-source',
};
const citationRules = new Set(Object.values(kinds));

interface Planted {
  kind: string;
  label: string;
  line: number;
}

function corpus(size: number, seed: number): { folder: string; names: string[] } {
  const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-realistic-'));
  execFileSync(
    process.execPath,
    [path.join(root, 'bench', 'gen-realistic.mjs'), folder, String(size), String(seed)],
    { stdio: 'ignore' },
  );
  const names = readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort();
  return { folder, names };
}

describe('accuracy on articles like real writing', () => {
  it('should find exactly the planted citation defects and no decoy (precision and recall 100%)', async () => {
    const { folder, names } = corpus(120, 17);
    const planted = JSON.parse(readFileSync(path.join(folder, 'expected.json'), 'utf8')) as Record<
      string,
      Planted[]
    >;
    const found: string[] = [];
    for (const name of names) {
      const file = new VFile({ path: name, value: readFileSync(path.join(folder, name), 'utf8') });
      await parseAndCheck(file, { today: fixtureToday });
      for (const message of file.messages)
        if (citationRules.has(message.ruleId ?? ''))
          found.push(`${name} ${message.ruleId} ${message.line} ${message.reason}`);
    }
    const expected = Object.entries(planted).flatMap(([name, defects]) =>
      defects.map((defect) => `${name} ${kinds[defect.kind]} ${defect.line}`),
    );
    expect(expected.length).toBe(6);
    expect(found.map((line) => line.split(' ').slice(0, 3).join(' ')).sort()).toEqual(
      expected.sort(),
    );
    for (const line of found) {
      const [name, , at] = line.split(' ');
      const defect = planted[name ?? '']?.find((each) => String(each.line) === at);
      expect(line).toContain(`\`${defect?.label}\``);
    }
  }, 120_000);
});
