import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shapedRunCache } from '../src/editions/pdf/fonts.js';
import { renderPdf } from '../src/editions/pdf/index.js';
import { toArticle } from '../src/model/article.js';
import { parse } from '../src/parse/parse.js';
import { type SpeedPaths, speedPaths } from '../src/speed/index.js';
import { fixtures, root, seedSlug } from './helpers.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Every switch of `paths` with its value (they are getters, read when asked). */
function values(paths: SpeedPaths): Record<string, unknown> {
  const names = Object.getOwnPropertyNames(Object.getPrototypeOf(paths)).filter(
    (name) => name !== 'constructor',
  );
  return Object.fromEntries(names.map((name) => [name, paths[name as keyof SpeedPaths]]));
}

describe('speed paths and the plain path', () => {
  it('should read each switch from the environment, and CITEPROOF_REFERENCE turns all off', () => {
    expect(values(speedPaths({}))).toEqual({
      fastParser: true,
      shapingTables: true,
      codeCache: true,
      textOperators: true,
      lazyPostTable: true,
      flatYaml: true,
      directRules: true,
      deferredTierUp: true,
    });
    expect(values(speedPaths({ CITEPROOF_REFERENCE: '1' }))).toEqual({
      fastParser: false,
      shapingTables: false,
      codeCache: false,
      textOperators: false,
      lazyPostTable: false,
      flatYaml: false,
      directRules: false,
      deferredTierUp: false,
    });
    expect(speedPaths({ CITEPROOF_PARSER: 'micromark' }).fastParser).toBe(false);
    expect(speedPaths({ CITEPROOF_SHAPER: 'fontkit' }).shapingTables).toBe(false);
    expect(speedPaths({ CITEPROOF_CODE_CACHE: 'off' }).codeCache).toBe(false);
    expect(values(speedPaths({ CITEPROOF_TEXT: 'pdfkit' }))).toEqual({
      fastParser: true,
      shapingTables: true,
      codeCache: true,
      textOperators: false,
      lazyPostTable: true,
      flatYaml: true,
      directRules: true,
      deferredTierUp: true,
    });
    expect(speedPaths({ CITEPROOF_EMBED: 'fontkit' }).lazyPostTable).toBe(false);
    expect(speedPaths({ CITEPROOF_YAML: 'yaml' }).flatYaml).toBe(false);
    expect(speedPaths({ CITEPROOF_RULES: 'unified' }).directRules).toBe(false);
    expect(speedPaths({ CITEPROOF_TIER_UP: 'v8' }).deferredTierUp).toBe(false);
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
});

/** Empty the process-wide caches of shaped runs, so that the next render shapes every word. */
function forgetShapedRuns(): void {
  for (const face of ['regular', 'italic', 'bold', 'boldItalic', 'mono'] as const) {
    const cache = shapedRunCache(face);
    for (const key of Object.keys(cache)) delete cache[key];
  }
}
