/**
 * figures/ — the images an article shows, and the one path policy that says
 * whether a file may be embedded: relative to the article, inside its folder
 * (no `..`, no symlink out, no network), a PNG or JPEG of at most 10 MB. A low
 * folder: the `missing-figure` rule reports with it, the run reads the PDF's
 * figures and keys the cache with it. It reads the model's labels and the index of
 * a tree's nodes the rules share (model/tree-index.ts), nothing later.
 */
import {
  closeSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import type { Definition, Image, ImageReference, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { labelKey } from '../model/labels.js';
import { indexTree } from '../model/tree-index.js';

/** Largest image the PDF embeds, in bytes (a chart or photo of a print page is far smaller). */
export const maxFigureBytes = 10 * 1024 * 1024;

/** An image node and the URL it shows (an image reference's from its definition). */
export interface FigureUse {
  node: Image | ImageReference;
  url: string;
}

/** Every image the tree shows with its URL, in document order; a reference without a definition is left out. */
export function figureUses(tree: Nodes): FigureUse[] {
  // A whole article: from the index of its tree, made once for all the rules.
  const index = tree.type === 'root' ? indexTree(tree) : undefined;
  if (index?.images.length === 0) return [];
  const definitionNodes: Definition[] = index?.linkDefinitions ?? [];
  const images: Array<Image | ImageReference> = index?.images ?? [];
  if (!index) {
    visit(tree, 'definition', (node) => void definitionNodes.push(node));
    visit(tree, (node) => {
      if (node.type === 'image' || node.type === 'imageReference') images.push(node);
    });
  }
  const definitions = new Map<string, Definition>();
  for (const node of definitionNodes) {
    const key = labelKey(node.label ?? node.identifier);
    if (!definitions.has(key)) definitions.set(key, node);
  }
  const uses: FigureUse[] = [];
  for (const node of images) {
    if (node.type === 'image') uses.push({ node, url: node.url });
    else {
      const url = definitions.get(labelKey(node.label ?? node.identifier))?.url;
      if (url !== undefined) uses.push({ node, url });
    }
  }
  return uses;
}

/** The folder an article's figures are relative to (`articlePath` relative to `cwd`; none: `cwd`). */
export function figureFolder(cwd: string, articlePath: string | undefined): string {
  return path.resolve(cwd, path.dirname(articlePath ?? 'article.md'));
}

/** A figure's file, read and vetted, or why it may not be embedded (a message reason). */
export type Vetted = { target: string; bytes: Buffer; header: ImageHeader } | { problem: string };

/**
 * Vet the figure at `url` (as written) for an article in `folder`: the path
 * policy, then the file's size, kind and structure (its header and image data
 * present, not cut short). The file is read once.
 */
export function vetFigure(url: string, folder: string): Vetted {
  const placed = place(url, folder);
  if ('problem' in placed) return placed;
  const { target } = placed;
  let bytes: Buffer;
  try {
    bytes = readFileSync(target);
  } catch {
    return unreadable(url);
  }
  if (bytes.length > maxFigureBytes) return tooLarge(url, bytes.length);
  const header = headerOf(url, inMemory(bytes));
  return 'problem' in header ? header : { target, bytes, header };
}

/**
 * What `vetFigure` finds wrong with the figure at `url`, if anything, reading only what
 * its structure needs (the start of the file, then each PNG chunk's or JPEG segment's
 * head): a check need not read the images, which are most of an article's bytes.
 */
export function figureProblem(url: string, folder: string): string | undefined {
  const placed = place(url, folder);
  if ('problem' in placed) return placed.problem;
  let fd: number;
  try {
    fd = openSync(placed.target, 'r');
  } catch {
    return unreadable(url).problem;
  }
  try {
    const { size } = fstatSync(fd);
    if (size > maxFigureBytes) return tooLarge(url, size).problem;
    const header = headerOf(url, inFile(fd, size));
    return 'problem' in header ? header.problem : undefined;
  } catch {
    return unreadable(url).problem;
  } finally {
    closeSync(fd);
  }
}

/** The path policy and the file's stat: a regular file inside the folder, not too large. */
function place(url: string, folder: string): { target: string } | { problem: string } {
  const located = locate(url, folder);
  if ('problem' in located) return located;
  const { target } = located;
  try {
    const stat = statSync(target);
    if (!stat.isFile())
      return problem(`Unexpected image \`${url}\` that is not a file, expected a PNG or JPEG file`);
    if (outside(realPath(folder), realPath(target)))
      return problem(
        `Unexpected image \`${url}\` that links outside the article’s folder, expected a file in it or below it`,
      );
    if (stat.size > maxFigureBytes) return tooLarge(url, stat.size);
  } catch {
    return problem(
      `Unexpected missing image \`${url}\`, expected a PNG or JPEG file at that path, relative to the article`,
    );
  }
  return { target };
}

/**
 * The system's realpath (one call, not a stat of each part of the path as Node's own), or
 * Node's where the system's fails (it does on some Windows RAM disks).
 */
function realPath(target: string): string {
  try {
    return realpathSync.native(target);
  } catch {
    return realpathSync(target);
  }
}

function headerOf(url: string, bytes: Bytes): ImageHeader | { problem: string } {
  if (!imageKind(bytes.at(0, 24)))
    return problem(
      `Unexpected image \`${url}\` that is not a PNG or JPEG image, expected one of these`,
    );
  return (
    walkHeader(bytes) ??
    problem(
      `Unexpected image \`${url}\` that cannot be decoded (damaged or cut short), expected a whole PNG or JPEG file`,
    )
  );
}

function unreadable(url: string): { problem: string } {
  return problem(
    `Unexpected image \`${url}\` that cannot be read, expected a readable PNG or JPEG file`,
  );
}

/** The bytes of an image, as the walk over its structure reads them: its length, and a stretch of it. */
interface Bytes {
  length: number;
  /** The `count` bytes from `offset` (fewer at the end). */
  at(offset: number, count: number): Buffer;
}

function inMemory(data: Buffer): Bytes {
  return { length: data.length, at: (offset, count) => data.subarray(offset, offset + count) };
}

/**
 * The first stretch of a file read at once: a PNG's first chunks, a JPEG's first segments.
 * Past it each chunk's or segment's head is read alone. On rust-lang's blog (283 figures,
 * 29 MB) heads of 64 KB read 13 MB in 1,044 reads and took ~75 ms, heads of 4 KB 1.2 MB
 * in 1,585 and ~43 ms.
 */
const headLength = 4 * 1024;

/**
 * A file's bytes read where they are asked for: its head once, then each stretch beyond it
 * (each a few bytes: the walks read a chunk's or a segment's head, never its data).
 */
function inFile(fd: number, size: number): Bytes {
  const head = readAt(fd, 0, Math.min(size, headLength));
  return {
    length: size,
    at: (offset, count) =>
      offset + count <= head.length
        ? head.subarray(offset, offset + count)
        : readAt(fd, offset, count),
  };
}

function readAt(fd: number, offset: number, count: number): Buffer {
  // Not zeroed: only the bytes read are returned.
  const buffer = Buffer.allocUnsafe(count);
  let read = 0;
  while (read < count) {
    const got = readSync(fd, buffer, read, count - read, offset + read);
    if (got === 0) break;
    read += got;
  }
  return buffer.subarray(0, read);
}

function tooLarge(url: string, size: number): { problem: string } {
  return problem(
    `Unexpected image \`${url}\` of ${(size / 1024 / 1024).toFixed(1)} MB, expected at most ${maxFigureBytes / 1024 / 1024} MB`,
  );
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
    // A literal `%` (`100%.png`) is not an escape: the path as written.
    relative = url;
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
  return (
    relative === '' ||
    relative === '..' ||
    relative.startsWith(`..${path.sep}`) ||
    path.isAbsolute(relative)
  );
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

/** What the header of a PNG or JPEG says: its kind, its size in pixels, its density when it states one. */
export interface ImageHeader {
  kind: 'png' | 'jpeg';
  width: number;
  height: number;
  /** Pixels per inch, when the file states it. */
  dpi?: number;
}

/**
 * The header of a whole PNG or JPEG, or `undefined` when the file is damaged
 * or cut short: a PNG's chunks must run to its end with image data and an
 * `IEND`, a JPEG's segments must reach a frame header and the scan.
 */
export function imageHeader(image: Uint8Array): ImageHeader | undefined {
  return walkHeader(inMemory(Buffer.from(image.buffer, image.byteOffset, image.byteLength)));
}

function walkHeader(bytes: Bytes): ImageHeader | undefined {
  const kind = imageKind(bytes.at(0, 24));
  return kind === 'png' ? pngHeader(bytes) : kind === 'jpeg' ? jpegHeader(bytes) : undefined;
}

/** IHDR gives the size; a `pHYs` chunk, in pixels per metre, the density. */
function pngHeader(data: Bytes): ImageHeader | undefined {
  const start = data.at(0, 24);
  const header: ImageHeader = {
    kind: 'png',
    width: start.readUInt32BE(16),
    height: start.readUInt32BE(20),
  };
  let imageData = false;
  for (let offset = 8; offset + 12 <= data.length;) {
    const chunk = data.at(offset, 8);
    const length = chunk.readUInt32BE(0);
    const type = chunk.toString('latin1', 4, 8);
    if (offset + 12 + length > data.length) return undefined;
    if (type === 'IDAT') imageData = true;
    if (type === 'IEND') return imageData ? header : undefined;
    if (type === 'pHYs' && length >= 9) {
      const body = data.at(offset + 8, 9);
      const x = body.readUInt32BE(0);
      const y = body.readUInt32BE(4);
      if (body[8] === 1 && x === y) header.dpi = x * 0.0254;
    }
    offset += 12 + length;
  }
  return undefined;
}

/** Start-of-frame markers (baseline, progressive, lossless…), not DHT, JPG or DAC. */
const startOfFrame = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

/** The frame header gives the size; a JFIF `APP0` segment with units 1 (inch) or 2 (cm) the density. */
function jpegHeader(data: Bytes): ImageHeader | undefined {
  let header: ImageHeader | undefined;
  let dpi: number | undefined;
  for (let offset = 2; offset + 4 <= data.length;) {
    const head = data.at(offset, 4);
    if (head[0] !== 0xff) return undefined;
    const marker = head[1] ?? 0;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    const length = head.readUInt16BE(2);
    const segment = offset + 4;
    if (length < 2 || offset + 2 + length > data.length) return undefined;
    if (marker === 0xe0 && length >= 14) {
      const app = data.at(segment, 12);
      if (app.toString('latin1', 0, 5) === 'JFIF\0') {
        const units = app[7];
        const x = app.readUInt16BE(8);
        const y = app.readUInt16BE(10);
        if (x === y && (units === 1 || units === 2)) dpi = units === 1 ? x : x * 2.54;
      }
    }
    if (startOfFrame.has(marker) && length >= 7) {
      const frame = data.at(segment, 5);
      const height = frame.readUInt16BE(1);
      const width = frame.readUInt16BE(3);
      if (width === 0 || height === 0) return undefined;
      header = { kind: 'jpeg', width, height };
    }
    // The scan: the entropy-coded data follows, to the end of the file.
    if (marker === 0xda) {
      if (!header) return undefined;
      return dpi === undefined ? header : { ...header, dpi };
    }
    offset += 2 + length;
  }
  return undefined;
}
