import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo, root } from '../helpers.js';

const kinds: Record<string, string> = {
  undefined: 'undefined-reference',
  unused: 'unused-source',
  duplicate: 'duplicate-source',
};

interface Planted {
  kind: string;
  label: string;
  line: number;
}

describe('accuracy on a generated corpus', () => {
  it('should find exactly the planted defects in 1,000 articles (precision and recall 100%)', async () => {
    const corpus = mkdtempSync(path.join(tmpdir(), 'citeproof-corpus-'));
    execFileSync(
      process.execPath,
      [path.join(root, 'bench', 'gen-corpus.mjs'), corpus, '1000', '7'],
      { stdio: 'ignore' },
    );
    const planted = JSON.parse(readFileSync(path.join(corpus, 'expected.json'), 'utf8')) as Record<
      string,
      Planted[]
    >;
    const io = captureIo(['check', '.', '--format', 'json', '--quiet'], corpus);
    await main(io);
    const report = JSON.parse(io.out()) as Array<{
      path: string;
      messages: Array<{ ruleId: string; line: number; reason: string }>;
    }>;
    const found = report
      .flatMap((file) =>
        file.messages.map((message) => `${file.path} ${message.ruleId} ${message.line}`),
      )
      .sort();
    const expected = Object.entries(planted)
      .flatMap(([file, defects]) =>
        defects.map((defect) => `${file} ${kinds[defect.kind]} ${defect.line}`),
      )
      .sort();
    expect(expected.length).toBe(50);
    expect(found).toEqual(expected);
    // Each message names the planted label.
    for (const file of report) {
      for (const message of file.messages) {
        const defect = planted[file.path]?.find((each) => each.line === message.line);
        expect(message.reason).toContain(`\`${defect?.label}\``);
      }
    }
  }, 120_000);
});
