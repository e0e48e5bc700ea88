import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type QpdfObjects,
  contentStreams,
  linksOf,
  qpdfObjects,
  structureOutlineOf,
} from './pdf-reader.js';

/**
 * How two PDFs of the same article differ as a reader meets them, in one line
 * each (none: the same pages). Their bytes may differ; what must not: the
 * pixels of every page (poppler at 72 dpi), the text layer and every word's
 * box (pdftotext, -bbox-layout), the fonts (pdffonts, object numbers aside),
 * the link annotations with their rectangles and actions, the named
 * destinations with their pages and places, the structure tree, the
 * marked-content sequences in the content streams, and `qpdf --check`.
 */
export async function pageDifferences(a: Uint8Array, b: Uint8Array): Promise<string[]> {
  const folder = mkdtempSync(path.join(tmpdir(), 'citeproof-pages-'));
  const files = ['a', 'b'].map((name, index) => {
    const file = path.join(folder, `${name}.pdf`);
    writeFileSync(file, [a, b][index] as Uint8Array);
    return file;
  });
  const [fileA, fileB] = files as [string, string];
  const differences: string[] = [];
  const same = (what: string, of: (file: string) => unknown): void => {
    const [left, right] = [of(fileA), of(fileB)];
    if (JSON.stringify(left) !== JSON.stringify(right)) differences.push(`${what} differ`);
  };
  same('page images', (file) => pageImages(file, folder));
  same('texts', (file) => tool('pdftotext', file, '-'));
  same('word boxes', (file) => tool('pdftotext', '-bbox-layout', file, '-'));
  same('fonts', (file) => tool('pdffonts', file).replace(/\s+\d+\s+0\s*$/gm, ''));
  const objects = new Map(files.map((file) => [file, qpdfObjects(file)]));
  same('structure trees', (file) => structureOutlineOf(objects.get(file) as QpdfObjects));
  same('marked-content sequences', (file) => markedContent(readFileSync(file)));
  same('annotations or destinations', (file) => linksOf(objects.get(file) as QpdfObjects));
  for (const file of files)
    if (spawnSync('qpdf', ['--check', file]).status !== 0)
      differences.push(`${path.basename(file)} fails qpdf --check`);
  return differences;
}

function tool(name: string, ...args: string[]): string {
  const result = spawnSync(name, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/**
 * Every page rendered by poppler (72 dpi, grey), as the SHA-256 of its bytes: the same
 * comparison as of the bytes, and JSON.stringify of the half-megabyte images themselves
 * (as base64) took 9.7 s of the 17 s the comparisons of pdf-text-operators took.
 */
function pageImages(file: string, folder: string): string[] {
  const prefix = path.join(folder, `${path.basename(file, '.pdf')}-page`);
  tool('pdftoppm', '-r', '72', '-gray', file, prefix);
  return readdirSync(folder)
    .filter((name) => path.join(folder, name).startsWith(prefix))
    .sort()
    .map((name) =>
      createHash('sha256')
        .update(readFileSync(path.join(folder, name)))
        .digest('hex'),
    );
}

/** The marked-content operators (BDC with its properties, BMC, EMC) of the content streams, in order. */
function markedContent(bytes: Buffer): string[] {
  return [...contentStreams(bytes).matchAll(/\/\w+ (?:<<[^]*?>> )?BDC|\/\w+ BMC|^EMC$/gm)].map(
    (match) => match[0],
  );
}
