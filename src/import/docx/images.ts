/** Pixels in one picture: a larger one is refused (decoding it would take gigabytes). */
export const maxImagePixels = 50_000_000;

/** What a picture's bytes are: the extension it is written with, whether the PDF edition can show it, or why it is refused. */
export interface ImageFormat {
  extension: string;
  shown: boolean;
  error?: string;
}

/**
 * The format of a picture from its first bytes (not from its name, which a
 * package may get wrong), with its size in pixels checked for PNG and JPEG.
 */
export function imageFormat(bytes: Uint8Array, partName: string): ImageFormat {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(4) === 0x0d0a1a0a)
    return sized('png', view.getUint32(16), view.getUint32(20));
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const size = jpegSize(view);
    return size ? sized('jpg', size.width, size.height) : { extension: 'jpg', shown: true };
  }
  if (bytes.length >= 6 && String.fromCharCode(...bytes.subarray(0, 4)) === 'GIF8')
    return { extension: 'gif', shown: false };
  const extension = (/\.([a-z0-9]{1,5})$/iu.exec(partName)?.[1] ?? 'bin').toLowerCase();
  return { extension, shown: false };
}

function sized(extension: string, width: number, height: number): ImageFormat {
  if (width * height > maxImagePixels)
    return {
      extension,
      shown: false,
      error: `the picture is ${width}×${height} pixels, over the limit of ${maxImagePixels} pixels`,
    };
  return { extension, shown: true };
}

/** Width and height from a JPEG's start-of-frame segment. */
function jpegSize(view: DataView): { width: number; height: number } | undefined {
  let offset = 2;
  while (offset + 9 < view.byteLength) {
    if (view.getUint8(offset) !== 0xff) return undefined;
    const marker = view.getUint8(offset + 1);
    const length = view.getUint16(offset + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    offset += 2 + length;
  }
  return undefined;
}
