/**
 * Figures' images: their size in pixels and their resolution, read from the
 * file's header (figures/: PNG `IHDR` and `pHYs`, JPEG `SOFn` and JFIF `APP0`)
 * so that the layout can size a figure before pdfkit embeds it.
 */
import { imageHeader } from '../../figures/index.js';

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
  const header = imageHeader(bytes);
  if (!header)
    throw new Error(`The image \`${url}\` cannot be decoded: expected a whole PNG or JPEG file`);
  const dpi =
    header.dpi !== undefined && header.dpi >= plausibleDpi.min && header.dpi <= plausibleDpi.max
      ? header.dpi
      : defaultDpi;
  return { url, bytes, kind: header.kind, width: header.width, height: header.height, dpi };
}

/** The natural size of an image in points: its pixels at its resolution. */
export function naturalSize(image: FigureImage): { width: number; height: number } {
  return { width: (image.width * 72) / image.dpi, height: (image.height * 72) / image.dpi };
}
