/**
 * figures/ — the images an article shows, and the one path policy that says
 * whether a file may be embedded: relative to the article, inside its folder
 * (no `..`, no symlink out, no network), a PNG or JPEG of at most 10 MB. A low
 * folder: the `missing-figure` rule reports with it, the run reads the PDF's
 * figures and keys the cache with it. It reads only the model's labels.
 */
import { closeSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Definition, Image, ImageReference, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { labelKey } from '../model/labels.js';

/** Largest image the PDF embeds, in bytes (a chart or photo of a print page is far smaller). */
export const maxFigureBytes = 10 * 1024 * 1024;

/** An image node and the URL it shows (an image reference's from its definition). */
export interface FigureUse {
  node: Image | ImageReference;
  url: string;
}

/** Every image the tree shows with its URL, in document order; a reference without a definition is left out. */
export function figureUses(tree: Nodes): FigureUse[] {
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (node) => {
    const key = labelKey(node.label ?? node.identifier);
    if (!definitions.has(key)) definitions.set(key, node);
  });
  const uses: FigureUse[] = [];
  visit(tree, (node) => {
    if (node.type === 'image') uses.push({ node, url: node.url });
    else if (node.type === 'imageReference') {
      const url = definitions.get(labelKey(node.label ?? node.identifier))?.url;
      if (url !== undefined) uses.push({ node, url });
    }
  });
  return uses;
}

/** The folder an article's figures are relative to (`articlePath` relative to `cwd`; none: `cwd`). */
export function figureFolder(cwd: string, articlePath: string | undefined): string {
  return path.resolve(cwd, path.dirname(articlePath ?? 'article.md'));
}

/** Where a figure's file is, or why it may not be embedded (a message reason). */
export type Vetted = { target: string; kind: 'png' | 'jpeg' } | { problem: string };

/** Vet the figure at `url` (as written) for an article in `folder`: the path policy, then the file's size and kind. */
export function vetFigure(url: string, folder: string): Vetted {
  const located = locate(url, folder);
  if ('problem' in located) return located;
  const { target } = located;
  let size: number;
  try {
    const stat = statSync(target);
    if (!stat.isFile())
      return problem(`Unexpected image \`${url}\` that is not a file, expected a PNG or JPEG file`);
    size = stat.size;
    if (outside(realpathSync(folder), realpathSync(target)))
      return problem(
        `Unexpected image \`${url}\` that links outside the article’s folder, expected a file in it or below it`,
      );
  } catch {
    return problem(
      `Unexpected missing image \`${url}\`, expected a PNG or JPEG file at that path, relative to the article`,
    );
  }
  if (size > maxFigureBytes)
    return problem(
      `Unexpected image \`${url}\` of ${(size / 1024 / 1024).toFixed(1)} MB, expected at most ${maxFigureBytes / 1024 / 1024} MB`,
    );
  const head = readHead(target);
  if (head === undefined)
    return problem(
      `Unexpected image \`${url}\` that cannot be read, expected a readable PNG or JPEG file`,
    );
  const kind = imageKind(head);
  return kind
    ? { target, kind }
    : problem(`Unexpected image \`${url}\` that is not a PNG or JPEG image, expected one of these`);
}

/** A figure's bytes, vetted as `vetFigure` vets them (the file is read once, after the checks). */
export function readFigure(
  url: string,
  folder: string,
): { bytes: Buffer; kind: 'png' | 'jpeg' } | { problem: string } {
  const vetted = vetFigure(url, folder);
  if ('problem' in vetted) return vetted;
  try {
    const bytes = readFileSync(vetted.target);
    if (bytes.length > maxFigureBytes || imageKind(bytes) !== vetted.kind)
      return problem(
        `Unexpected image \`${url}\` that changed while it was read, expected a stable file`,
      );
    return { bytes, kind: vetted.kind };
  } catch {
    return problem(
      `Unexpected image \`${url}\` that cannot be read, expected a readable PNG or JPEG file`,
    );
  }
}

/**
 * The absolute path of the local file `url` names, relative to `folder`, when
 * the path policy allows it (its contents unchecked): what a cache must watch.
 */
export function figureTarget(url: string, folder: string): string | undefined {
  const located = locate(url, folder);
  return 'target' in located ? located.target : undefined;
}

function locate(url: string, folder: string): { target: string } | { problem: string } {
  if (url.trim() === '')
    return problem('Unexpected image without a path, expected the path of a PNG or JPEG file');
  if (/^[a-z][a-z\d+.-]*:|^\/\//iu.test(url))
    return problem(
      `Unexpected remote image \`${url}\`, expected a file beside the article (the PDF never fetches from the network)`,
    );
  let relative: string;
  try {
    relative = decodeURI(url);
  } catch {
    return problem(`Unexpected image path \`${url}\` that is not valid, expected a path to a file`);
  }
  const target = path.resolve(folder, relative);
  if (outside(folder, target))
    return problem(
      `Unexpected image \`${url}\` outside the article’s folder, expected a file in it or below it`,
    );
  return { target };
}

function problem(reason: string): { problem: string } {
  return { problem: reason };
}

function outside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative);
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
export function imageKind(head: Uint8Array): 'png' | 'jpeg' | undefined {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(pngSignature)) {
    const ihdr = bytes.toString('latin1', 12, 16) === 'IHDR';
    return ihdr && bytes.readUInt32BE(16) > 0 && bytes.readUInt32BE(20) > 0 ? 'png' : undefined;
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'jpeg';
  return undefined;
}
