import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { writeAtomically } from '../src/run/write.js';
import { captureIo, fixtures, root, scratchCopy, seedSlug } from './helpers.js';

describe('build', () => {
  it('should never publish a broken article, keep its old editions byte for byte, and still build the others', async () => {
    const project = await scratchCopy(path.join(fixtures, 'projects', 'broken'));
    mkdirSync(path.join(project, 'output'));
    const oldMarkdown = 'the previous, good edition\n';
    const oldPdf = Buffer.from('%PDF-1.7 previous edition bytes');
    writeFileSync(path.join(project, 'output', 'broken.md'), oldMarkdown);
    writeFileSync(path.join(project, 'output', 'broken.pdf'), oldPdf);
    const io = captureIo(['build'], project);
    expect(await main(io)).toBe(1);
    expect(readFileSync(path.join(project, 'output', 'broken.md'), 'utf8')).toBe(oldMarkdown);
    expect(readFileSync(path.join(project, 'output', 'broken.pdf')).equals(oldPdf)).toBe(true);
    expect(readdirSync(path.join(project, 'output')).sort()).toEqual([
      'alpha.md',
      'alpha.pdf',
      'broken.md',
      'broken.pdf',
    ]);
    expect(io.out()).toMatch(/undefined-reference/);
  });

  it('should not publish an article with warnings under --strict', async () => {
    const project = await scratchCopy(path.join(fixtures, 'projects', 'clean'));
    expect(await main(captureIo(['build', '--strict'], project))).toBe(1);
    expect(readdirSync(path.join(project, 'output')).sort()).toEqual(['alpha.md', 'alpha.pdf']);
  });

  it('should leave unchanged editions untouched on a rebuild', async () => {
    const project = await scratchCopy(path.join(fixtures, 'projects', 'clean'));
    expect(await main(captureIo(['build'], project))).toBe(0);
    const target = path.join(project, 'output', 'alpha.pdf');
    const before = readFileSync(target);
    const { mtimeMs } = await import('node:fs').then((fs) => fs.statSync(target));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await main(captureIo(['build'], project))).toBe(0);
    const after = await import('node:fs').then((fs) => fs.statSync(target));
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(after.mtimeMs).toBe(mtimeMs);
  });

  it('should report unreadable input with exit code 2 and build nothing for it', async () => {
    const project = await scratchCopy(path.join(fixtures, 'projects', 'clean'));
    writeFileSync(
      path.join(project, 'source', 'binary.md'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
    );
    writeFileSync(
      path.join(project, 'source', 'latin1.md'),
      Buffer.from('title: caf\xe9\n', 'latin1'),
    );
    const io = captureIo(['build'], project);
    expect(await main(io)).toBe(2);
    expect(io.out()).toMatch(/binary\.md\n.*binary file/);
    expect(io.out()).toMatch(/latin1\.md\n.*invalid UTF-8/);
    expect(existsSync(path.join(project, 'output', 'alpha.pdf'))).toBe(true);
    expect(existsSync(path.join(project, 'output', 'binary.pdf'))).toBe(false);
  });
});

describe('writeAtomically', () => {
  it('should write every edition and leave no temporary file', async () => {
    const folder = await scratchCopy(path.join(fixtures, 'markdown'));
    const written = await writeAtomically([
      { path: path.join(folder, 'out', 'a.md'), content: 'a\n' },
      { path: path.join(folder, 'out', 'a.pdf'), content: Buffer.from('pdf') },
    ]);
    expect(written).toHaveLength(2);
    expect(readdirSync(path.join(folder, 'out')).sort()).toEqual(['a.md', 'a.pdf']);
  });

  it('should leave no temporary file when one edition cannot be written', async () => {
    const folder = await scratchCopy(path.join(fixtures, 'markdown'));
    writeFileSync(path.join(folder, 'kept.md'), 'old\n');
    // A folder where the second edition should go makes its rename fail.
    mkdirSync(path.join(folder, 'blocked.pdf'));
    mkdirSync(path.join(folder, 'blocked.pdf', 'inside'));
    await expect(
      writeAtomically([
        { path: path.join(folder, 'kept.md'), content: 'new\n' },
        { path: path.join(folder, 'blocked.pdf'), content: Buffer.from('pdf') },
      ]),
    ).rejects.toThrow();
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(path.join(folder, 'kept.md'), 'utf8')).toBe('new\n');
  });
});

describe('the seed article, end to end', () => {
  it('should check with exit 0, and fail check and build with an undefined reference added, editions untouched', async () => {
    const project = await scratchCopy(path.join(root, 'source'), 'source');
    cpSync(path.join(root, 'output'), path.join(project, 'output'), { recursive: true });
    expect(await main(captureIo(['check'], project))).toBe(0);
    const sourcePath = path.join(project, 'source', `${seedSlug}.md`);
    const lines = readFileSync(sourcePath, 'utf8').split('\n');
    const at = lines.findIndex((line) => line.startsWith('In conclusion'));
    lines[at] = `${lines[at]} An added claim.[^5]`;
    writeFileSync(sourcePath, lines.join('\n'));
    const before = ['md', 'pdf'].map((ext) =>
      readFileSync(path.join(project, 'output', `${seedSlug}.${ext}`)),
    );
    const check = captureIo(['check'], project);
    expect(await main(check)).toBe(1);
    expect(check.out()).toMatch(
      new RegExp(`${at + 1}:\\d+-${at + 1}:\\d+\\s+error.*undefined-reference`),
    );
    const github = captureIo(['check', '--format', 'github'], project);
    expect(await main(github)).toBe(1);
    expect(github.out()).toMatch(
      new RegExp(`^::error file=source/${seedSlug}\\.md,line=${at + 1},`, 'm'),
    );
    expect(await main(captureIo(['build'], project))).toBe(1);
    const after = ['md', 'pdf'].map((ext) =>
      readFileSync(path.join(project, 'output', `${seedSlug}.${ext}`)),
    );
    expect(after[0]?.equals(before[0] ?? Buffer.alloc(0))).toBe(true);
    expect(after[1]?.equals(before[1] ?? Buffer.alloc(0))).toBe(true);
  });
});
