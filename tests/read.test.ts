import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArticle, readErrorId } from '../src/read/read.js';

const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-read-'));

/** `text` written as UTF-8 to a new file of the folder; its name. */
function written(name: string, content: string | Buffer): string {
  writeFileSync(path.join(folder, name), content);
  return name;
}

/** Text of `bytes` UTF-8 bytes: Cyrillic (two bytes each) with one ASCII letter where the count is odd. */
function textOf(bytes: number): string {
  return `${'д'.repeat(Math.floor(bytes / 2))}${bytes % 2 ? 'a' : ''}`;
}

describe('reading an article', () => {
  it('should read files of every size around the read buffer whole, in any order', async () => {
    // The buffer is 256 KB: below, at, just over and far over it, two-byte characters across its end.
    const sizes = [1, 1000, 262_143, 262_144, 262_145, 262_146, 600_001, 10];
    for (const size of [...sizes, ...sizes.reverse()]) {
      const name = written(`size-${size}.md`, textOf(size));
      const file = await readArticle(name, folder);
      expect(file.messages, name).toEqual([]);
      expect(String(file.value) === textOf(size), name).toBe(true);
    }
  });

  it('should keep what an article read before holds when the next is read', async () => {
    const first = await readArticle(written('first.md', 'First article.\n'), folder);
    await readArticle(written('second.md', 'Second, longer article text.\n'), folder);
    expect(String(first.value)).toBe('First article.\n');
  });

  it('should drop a byte-order mark and refuse invalid UTF-8 and NUL bytes past the buffer too', async () => {
    const bom = await readArticle(written('bom.md', '\uFEFFText.\n'), folder);
    expect(String(bom.value)).toBe('Text.\n');
    const cut = Buffer.concat([Buffer.from(textOf(300_000)), Buffer.from([0xd0])]);
    const invalid = await readArticle(written('invalid.md', cut), folder);
    expect(invalid.messages.map((message) => message.ruleId)).toEqual([readErrorId]);
    expect(invalid.messages[0]?.reason).toMatch(/invalid UTF-8/);
    const nul = Buffer.concat([Buffer.from(textOf(300_000)), Buffer.from([0])]);
    const binary = await readArticle(written('nul.md', nul), folder);
    expect(binary.messages[0]?.reason).toMatch(/NUL bytes/);
  });
});
