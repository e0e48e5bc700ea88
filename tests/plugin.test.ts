import { spawnSync } from 'node:child_process';
import path from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkCiteproof from '../src/index.js';
import { fixtures, root } from './helpers.js';

describe('the unified plugin', () => {
  it('should check inside a user’s own remark pipeline', async () => {
    const processor = unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkCiteproof)
      .use(remarkStringify);
    const file = new VFile({
      path: 'a.md',
      value: '---\ntitle: T\nauthor: A\nlang: en\n---\n\nText.[^x]\n',
    });
    await processor.process(file);
    expect(
      file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`),
    ).toEqual(['7:6 undefined-reference']);
  });

  it('should run under real remark-cli from a .remarkrc, with its options', () => {
    const cli = path.join(root, 'node_modules', 'remark-cli', 'cli.js');
    const result = spawnSync(process.execPath, [cli, 'article.md', '--no-stdout', '--no-color'], {
      cwd: path.join(fixtures, 'remark-cli'),
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /7:43-7:53\s+error\s+Unexpected reference to undefined source `missing`.*undefined-reference\s+citeproof/,
    );
    // The .remarkrc raises unused-source to an error.
    expect(result.stderr).toMatch(/10:1-10:54\s+error\s+Unexpected unused source entry `spare`/);
  });
});
