import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAndCheck } from '../../src/rules/check.js';
import { fixtures, fixtureToday, formatMessage, root } from '../helpers.js';
import { pageDifferences } from '../same-pages.js';
import { expectSameTree } from '../same-tree.js';

/** Every Markdown fixture and source article: the inputs both paths must agree on. */
function articles(): string[] {
  const found = readdirSync(fixtures, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(fixtures, name));
  const sources = readdirSync(path.join(root, 'source'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(root, 'source', name));
  return [...found, ...sources].sort();
}

async function checked(filePath: string): Promise<{ messages: string[]; tree: unknown }> {
  const file = new VFile({ path: filePath, value: readFileSync(filePath, 'utf8') });
  const tree = await parseAndCheck(file, { today: fixtureToday });
  return { messages: file.messages.map(formatMessage), tree };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('speed paths and the plain path, on every fixture and on the committed editions', () => {
  it('should give the same messages and the same tree on every fixture on the speed paths or the plain path', async () => {
    const inputs = articles();
    expect(inputs.length).toBeGreaterThan(50);
    for (const input of inputs) {
      const fast = await checked(input);
      // The one-pass parser and segments, flat front matter: all off.
      vi.stubEnv('CITEPROOF_REFERENCE', '1');
      const plain = await checked(input);
      vi.unstubAllEnvs();
      // The same tree, node for node (key order aside), positions included.
      expect(fast.messages, input).toEqual(plain.messages);
      expectSameTree(fast.tree, plain.tree, input);
    }
  });

  it('should build the committed editions through the real bin on the plain path: the Markdown byte for byte, the PDF page for page', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'citeproof-reference-'));
    const env: NodeJS.ProcessEnv = { ...process.env, CITEPROOF_REFERENCE: '1' };
    delete env['SOURCE_DATE_EPOCH'];
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'dist', 'cli.js'), 'build', 'source', '--out', out, '--no-cache'],
      { cwd: root, env, encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    for (const name of readdirSync(path.join(root, 'output'))) {
      const [plain, committed] = [path.join(out, name), path.join(root, 'output', name)].map(
        (file) => readFileSync(file),
      ) as [Buffer, Buffer];
      // The plain path draws text with pdfkit's text(): other bytes, the same pages (see pdf-text-operators.test.ts).
      if (name.endsWith('.pdf'))
        expect({ name, differences: await pageDifferences(plain, committed) }).toEqual({
          name,
          differences: [],
        });
      else expect(plain.equals(committed), name).toBe(true);
    }
  });
});
