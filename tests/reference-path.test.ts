import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shapedRunCache } from '../src/editions/pdf/fonts.js';
import { renderPdf } from '../src/editions/pdf/index.js';
import { toArticle } from '../src/model/article.js';
import { parse } from '../src/parse/parse.js';
import { parseAndCheck } from '../src/rules/check.js';
import { speedPaths } from '../src/speed/index.js';
import { fixtures, fixtureToday, formatMessage, root, seedSlug } from './helpers.js';
import { pageDifferences } from './same-pages.js';

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

describe('speed paths and the plain path', () => {
  it('should read each switch from the environment, and CITEPROOF_REFERENCE turns all off', () => {
    expect(speedPaths({})).toEqual({
      fastParser: true,
      shapingTables: true,
      codeCache: true,
      textOperators: true,
      lazyPostTable: true,
      flatYaml: true,
    });
    expect(speedPaths({ CITEPROOF_REFERENCE: '1' })).toEqual({
      fastParser: false,
      shapingTables: false,
      codeCache: false,
      textOperators: false,
      lazyPostTable: false,
      flatYaml: false,
    });
    expect(speedPaths({ CITEPROOF_PARSER: 'micromark' }).fastParser).toBe(false);
    expect(speedPaths({ CITEPROOF_SHAPER: 'fontkit' }).shapingTables).toBe(false);
    expect(speedPaths({ CITEPROOF_CODE_CACHE: 'off' }).codeCache).toBe(false);
    expect(speedPaths({ CITEPROOF_TEXT: 'pdfkit' })).toEqual({
      fastParser: true,
      shapingTables: true,
      codeCache: true,
      textOperators: false,
      lazyPostTable: true,
      flatYaml: true,
    });
    expect(speedPaths({ CITEPROOF_EMBED: 'fontkit' }).lazyPostTable).toBe(false);
    expect(speedPaths({ CITEPROOF_YAML: 'yaml' }).flatYaml).toBe(false);
  });

  it('should give the same messages and the same tree on every fixture on the speed paths or the plain path', async () => {
    const inputs = articles();
    expect(inputs.length).toBeGreaterThan(50);
    for (const input of inputs) {
      const fast = await checked(input);
      // The one-pass parser and segments, flat front matter: all off.
      vi.stubEnv('CITEPROOF_REFERENCE', '1');
      const plain = await checked(input);
      vi.unstubAllEnvs();
      // Deep equality, node for node (key order aside), positions included.
      expect({ input, ...fast }).toEqual({ input, ...plain });
    }
  });

  it('should make the same PDF bytes with the shaping tables or with fontkit alone', async () => {
    const inputs = [
      path.join(root, 'source', `${seedSlug}.md`),
      ...readdirSync(path.join(fixtures, 'projects', 'marks', 'source')).map((name) =>
        path.join(fixtures, 'projects', 'marks', 'source', name),
      ),
    ];
    for (const input of inputs) {
      const file = new VFile({ path: input, value: readFileSync(input, 'utf8') });
      const article = toArticle(parse(file), file);
      if (!article) throw new Error(`${input}: invalid front matter`);
      forgetShapedRuns();
      const fast = await renderPdf(article);
      // Else every word comes back from the process-wide cache of shaped runs the first render filled.
      forgetShapedRuns();
      vi.stubEnv('CITEPROOF_SHAPER', 'fontkit');
      const plain = await renderPdf(article);
      vi.unstubAllEnvs();
      expect(Buffer.compare(fast, plain), input).toBe(0);
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

/** Empty the process-wide caches of shaped runs, so that the next render shapes every word. */
function forgetShapedRuns(): void {
  for (const face of ['regular', 'italic', 'bold', 'boldItalic', 'mono'] as const) {
    const cache = shapedRunCache(face);
    for (const key of Object.keys(cache)) delete cache[key];
  }
}
