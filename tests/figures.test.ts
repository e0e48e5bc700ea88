import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parse/parse.js';
import { check } from '../src/rules/check.js';
import { fixtureToday, root, scratchCopy } from './helpers.js';

const bin = path.join(root, 'dist', 'cli.js');

const folder = path.resolve(import.meta.dirname, 'fixtures', 'figures');

async function figureMessages(filePath: string): Promise<string[]> {
  const file = new VFile({ path: filePath, value: readFileSync(filePath, 'utf8') });
  await check(parse(file), file, { today: fixtureToday });
  return file.messages
    .filter((message) => message.ruleId === 'missing-figure')
    .map((message) => `${message.line}: ${message.reason}`);
}

describe('missing-figure', () => {
  it('should accept a PNG beside the article, by path or by reference, and name each broken figure with its line and path', async () => {
    expect(await figureMessages(path.join(folder, 'article.md'))).toEqual([
      '5: Unexpected image `charts/not-an-image.png` that is not a PNG or JPEG image, expected one of these',
      '7: Unexpected missing image `charts/missing.jpg`, expected a PNG or JPEG file at that path, relative to the article',
      '9: Unexpected image `../seed/secret.png` outside the article’s folder, expected a file in it or below it',
      '11: Unexpected remote image `http://example.org/chart.png`, expected a file beside the article (the PDF never fetches from the network)',
    ]);
  });

  it('should refuse a symlink out of the folder and an image over the size limit', async () => {
    const project = await scratchCopy(folder);
    const outsideFile = path.join(path.dirname(project), `outside-${path.basename(project)}.png`);
    writeFileSync(outsideFile, readFileSync(path.join(folder, 'charts', 'exports.png')));
    symlinkSync(outsideFile, path.join(project, 'charts', 'linked.png'));
    mkdirSync(path.join(project, 'big'), { recursive: true });
    const big = path.join(project, 'big', 'huge.png');
    writeFileSync(big, readFileSync(path.join(folder, 'charts', 'exports.png')));
    truncateSync(big, 11 * 1024 * 1024);
    const article = path.join(project, 'links.md');
    writeFileSync(article, '![Linked](charts/linked.png)\n\n![Huge](big/huge.png)\n');
    expect(await figureMessages(article)).toEqual([
      '1: Unexpected image `charts/linked.png` that links outside the article’s folder, expected a file in it or below it',
      '3: Unexpected image `big/huge.png` of 11.0 MB, expected at most 10 MB',
    ]);
  });

  it('should refuse an image cut short or damaged: it cannot be decoded', async () => {
    const project = await scratchCopy(folder);
    const charts = path.join(import.meta.dirname, 'fixtures', 'pdf-figures', 'charts');
    const png = readFileSync(path.join(charts, 'exports.png'));
    const jpeg = readFileSync(path.join(charts, 'volumes.jpg'));
    writeFileSync(path.join(project, 'charts', 'cut.png'), png.subarray(0, png.length - 40));
    writeFileSync(path.join(project, 'charts', 'cut.jpg'), jpeg.subarray(0, 300));
    writeFileSync(path.join(project, 'charts', 'whole.jpg'), jpeg);
    const article = path.join(project, 'cut.md');
    writeFileSync(
      article,
      '![Cut](charts/cut.png)\n\n![Cut too](charts/cut.jpg)\n\n![Whole](charts/whole.jpg)\n',
    );
    const reason = (url: string): string =>
      `Unexpected image \`${url}\` that cannot be decoded (damaged or cut short), expected a whole PNG or JPEG file`;
    expect(await figureMessages(article)).toEqual([
      `1: ${reason('charts/cut.png')}`,
      `3: ${reason('charts/cut.jpg')}`,
    ]);
  });
});

describe('figure paths the policy must not misread', () => {
  it('should accept a file whose name starts with two dots, and a literal percent sign', async () => {
    const project = await scratchCopy(folder);
    const chart = readFileSync(path.join(folder, 'charts', 'exports.png'));
    writeFileSync(path.join(project, '..chart.png'), chart);
    writeFileSync(path.join(project, '100%.png'), chart);
    const article = path.join(project, 'dots.md');
    writeFileSync(article, '![Dots](..chart.png)\n\n![Percent](100%.png)\n');
    expect(await figureMessages(article)).toEqual([]);
  });

  it('should answer a figure path that names a FIFO at once, through the real CLI, never waiting on it', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'citeproof-fifo-'));
    execFileSync('mkfifo', [path.join(project, 'pipe.png')]);
    writeFileSync(
      path.join(project, 'a.md'),
      '---\ntitle: A\nauthor: Test Author\nlang: en\n---\n\n![A pipe](pipe.png)\n',
    );
    const result = spawnSync(process.execPath, [bin, 'check', 'a.md', '--no-cache'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/missing-figure/);
  });
});
