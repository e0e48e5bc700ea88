import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeAtomically } from '../src/run/write.js';

// The writes writeAtomically makes, with their options (the real writes still happen).
const writes = vi.hoisted(() => [] as Array<{ file: string; options: unknown }>);
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const writeFile: typeof actual.writeFile = (file, data, options) => {
    writes.push({ file: String(file), options });
    return actual.writeFile(file, data, options);
  };
  return { ...actual, writeFile, default: { ...actual, writeFile } };
});

describe('durable editions', () => {
  it('should flush every edition to disk before renaming it into place (no empty file after a power cut)', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-flush-'));
    const markdown = path.join(folder, 'a.md');
    const pdf = path.join(folder, 'a.pdf');
    await writeAtomically([
      { path: markdown, content: 'a\n' },
      { path: pdf, content: Buffer.from('%PDF') },
    ]);
    expect(readFileSync(markdown, 'utf8')).toBe('a\n');
    expect(writes).toHaveLength(2);
    for (const { file, options } of writes) {
      expect(path.dirname(file)).toBe(folder);
      expect(path.basename(file)).toMatch(
        /^\.citeproof-[0-9a-z]+-[0-9a-f]{8}-\d+-[0-9a-f]{8}\.tmp$/,
      );
      expect(options).toMatchObject({ flush: true });
    }
  });
});
