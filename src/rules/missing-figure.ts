import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Definition, Image, ImageReference } from 'mdast';
import { indexTree } from '../model/tree-index.js';
import type { VFile } from 'vfile';
import { labelKey } from '../model/labels.js';
import { defineRule } from './rule.js';

/** Largest image the PDF embeds, in bytes (a chart or photo of a print page is far smaller). */
export const maxFigureBytes = 10 * 1024 * 1024;

/** An image the article shows that is missing, unreadable, not an image, too large, or outside the article's folder. */
export const missingFigure = defineRule(
  {
    id: 'missing-figure',
    severity: 'error',
    description:
      'An image the article shows that is missing, unreadable, not a PNG or JPEG, too large, or outside the source folder.',
    help: 'Figures are embedded in the PDF from files beside the article: a path relative to the article, inside its folder (no `..`, no symlink out), a PNG or JPEG file of at most 10 MB. The PDF never fetches from the network, so a remote image is an error too. An article with a broken figure is not published.',
    examples: [
      {
        title: 'An image beside the article',
        markdown: '![The first page of the PDF edition](docs/first-page.png)\n',
        expected: [],
      },
      {
        title: 'A missing, a remote and an escaping image',
        markdown:
          '![Chart](charts/missing.png)\n\n![Logo](https://example.org/logo.png)\n\n![Key](../secret.png)\n',
        expected: [
          '1:1-1:29: Unexpected missing image `charts/missing.png`, expected a PNG or JPEG file at that path, relative to the article',
          '3:1-3:38: Unexpected remote image `https://example.org/logo.png`, expected a file beside the article (the PDF never fetches from the network)',
          '5:1-5:22: Unexpected image `../secret.png` outside the article’s folder, expected a file in it or below it',
        ],
      },
    ],
  },
  (tree, file) => {
    const index = indexTree(tree);
    if (index.images.length === 0) return;
    const definitions = new Map<string, Definition>();
    for (const node of index.linkDefinitions) {
      const key = labelKey(node.label ?? node.identifier);
      if (!definitions.has(key)) definitions.set(key, node);
    }
    for (const node of index.images) {
      const url = urlOf(node, definitions);
      if (url === undefined) continue;
      const problem = figureProblem(url, file);
      if (problem) file.message(problem, { place: node.position });
    }
  },
);

function urlOf(
  node: Image | ImageReference,
  definitions: Map<string, Definition>,
): string | undefined {
  if (node.type === 'image') return node.url;
  return definitions.get(labelKey(node.label ?? node.identifier))?.url;
}

/** What is wrong with the figure at `url`, as a message reason; `undefined` when it can be embedded. */
export function figureProblem(url: string, file: VFile): string | undefined {
  if (url.trim() === '')
    return 'Unexpected image without a path, expected the path of a PNG or JPEG file';
  if (/^[a-z][a-z\d+.-]*:|^\/\//iu.test(url))
    return `Unexpected remote image \`${url}\`, expected a file beside the article (the PDF never fetches from the network)`;
  let relative: string;
  try {
    relative = decodeURI(url);
  } catch {
    return `Unexpected image path \`${url}\` that is not valid, expected a path to a file`;
  }
  const folder = path.resolve(file.cwd, path.dirname(file.path ?? 'article.md'));
  const target = path.resolve(folder, relative);
  if (outside(folder, target))
    return `Unexpected image \`${url}\` outside the article’s folder, expected a file in it or below it`;
  return fileProblem(url, folder, target);
}

function outside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative);
}

function fileProblem(url: string, folder: string, target: string): string | undefined {
  let size: number;
  try {
    const stat = statSync(target);
    if (!stat.isFile())
      return `Unexpected image \`${url}\` that is not a file, expected a PNG or JPEG file`;
    size = stat.size;
    if (outside(realpathSync(folder), realpathSync(target)))
      return `Unexpected image \`${url}\` that links outside the article’s folder, expected a file in it or below it`;
  } catch {
    return `Unexpected missing image \`${url}\`, expected a PNG or JPEG file at that path, relative to the article`;
  }
  if (size > maxFigureBytes)
    return `Unexpected image \`${url}\` of ${(size / 1024 / 1024).toFixed(1)} MB, expected at most ${maxFigureBytes / 1024 / 1024} MB`;
  const head = readHead(target);
  if (head === undefined)
    return `Unexpected image \`${url}\` that cannot be read, expected a readable PNG or JPEG file`;
  return imageKind(head)
    ? undefined
    : `Unexpected image \`${url}\` that is not a PNG or JPEG image, expected one of these`;
}

function readHead(target: string): Buffer | undefined {
  try {
    const descriptor = openSync(target, 'r');
    try {
      const head = Buffer.alloc(32);
      const read = readSync(descriptor, head, 0, head.length, 0);
      return head.subarray(0, read);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return undefined;
  }
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `png` or `jpeg` when the bytes start as one does (a PNG's header with a size that is not zero), else undefined. */
export function imageKind(head: Buffer): 'png' | 'jpeg' | undefined {
  if (head.length >= 24 && head.subarray(0, 8).equals(pngSignature)) {
    const ihdr = head.toString('latin1', 12, 16) === 'IHDR';
    return ihdr && head.readUInt32BE(16) > 0 && head.readUInt32BE(20) > 0 ? 'png' : undefined;
  }
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  return undefined;
}
