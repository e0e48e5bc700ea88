/**
 * Figures' images: their size in pixels and their resolution, read from the
 * file's header (PNG `IHDR` and `pHYs`, JPEG `SOFn` and JFIF `APP0`) so that
 * the layout can size a figure before pdfkit embeds it.
 */
import { imageKind } from '../../figures/index.js';

/** An image to embed. */
export interface FigureImage {
  /** The URL as written in the article (for messages). */
  url: string;
  bytes: Uint8Array;
  kind: 'png' | 'jpeg';
  /** Size in pixels. */
  width: number;
  height: number;
  /** Pixels per inch: the image's own density, else `defaultDpi`. */
  dpi: number;
}

/** The resolution of an image that states none: a print-quality screen capture or chart. */
export const defaultDpi = 150;

/** Densities outside this range are taken for mistakes (a 1 dpi or 1 px/m header) and ignored. */
const plausibleDpi = { min: 50, max: 2400 };

/** The image in `bytes`, or an error naming `url` when its header cannot be read. */
export function figureImage(url: string, bytes: Uint8Array): FigureImage {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = imageKind(data);
  const header = kind === 'png' ? pngHeader(data) : kind === 'jpeg' ? jpegHeader(data) : undefined;
  if (!kind || !header)
    throw new Error(`The image \`${url}\` cannot be decoded: expected a PNG or JPEG file`);
  const dpi =
    header.dpi !== undefined && header.dpi >= plausibleDpi.min && header.dpi <= plausibleDpi.max
      ? header.dpi
      : defaultDpi;
  return { url, bytes, kind, width: header.width, height: header.height, dpi };
}

/** The natural size of an image in points: its pixels at its resolution. */
export function naturalSize(image: FigureImage): { width: number; height: number } {
  return { width: (image.width * 72) / image.dpi, height: (image.height * 72) / image.dpi };
}

interface Header {
  width: number;
  height: number;
  dpi?: number;
}

/** IHDR gives the size; a `pHYs` chunk before the image data, in pixels per metre, the density. */
function pngHeader(data: Buffer): Header | undefined {
  const header: Header = { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  for (let offset = 8; offset + 8 <= data.length;) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT' || type === 'IEND') break;
    if (type === 'pHYs' && length >= 9 && offset + 17 <= data.length) {
      const x = data.readUInt32BE(offset + 8);
      const y = data.readUInt32BE(offset + 12);
      if (data[offset + 16] === 1 && x === y) header.dpi = x * 0.0254;
    }
    offset += 12 + length;
  }
  return header;
}

/** Start-of-frame markers (baseline, progressive, lossless…), not DHT, JPG or DAC. */
const startOfFrame = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

/** The frame header gives the size; a JFIF `APP0` segment with units 1 (inch) or 2 (cm) the density. */
function jpegHeader(data: Buffer): Header | undefined {
  let dpi: number | undefined;
  for (let offset = 2; offset + 4 <= data.length;) {
    if (data[offset] !== 0xff) return undefined;
    const marker = data[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    const length = data.readUInt16BE(offset + 2);
    const segment = offset + 4;
    if (marker === 0xe0 && data.toString('latin1', segment, segment + 5) === 'JFIF\0') {
      const units = data[segment + 7];
      const x = segment + 12 <= data.length ? data.readUInt16BE(segment + 8) : 0;
      const y = segment + 12 <= data.length ? data.readUInt16BE(segment + 10) : 0;
      if (x === y && (units === 1 || units === 2)) dpi = units === 1 ? x : x * 2.54;
    }
    if (startOfFrame.has(marker) && segment + 5 <= data.length) {
      const height = data.readUInt16BE(segment + 1);
      const width = data.readUInt16BE(segment + 3);
      if (width === 0 || height === 0) return undefined;
      return dpi === undefined ? { width, height } : { width, height, dpi };
    }
    offset = segment + length - 2;
  }
  return undefined;
}
