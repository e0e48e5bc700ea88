import yauzl, { type Entry, type ZipFile } from 'yauzl';

/** Bounds on a .docx package, checked on the zip's central directory before anything is inflated. */
export const packageLimits = {
  /** Bytes of the .docx file itself. */
  fileBytes: 50 * 1024 * 1024,
  /** Entries in the zip (a long article with many figures has about 40). */
  entries: 2_000,
  /** Uncompressed bytes of all entries together, as the central directory declares them. */
  totalBytes: 200 * 1024 * 1024,
  /** Uncompressed bytes of one XML part. */
  partBytes: 32 * 1024 * 1024,
  /** Uncompressed bytes of one image. */
  imageBytes: 20 * 1024 * 1024,
} as const;

/** The parts of a .docx package, each inflated only when asked for. */
export interface DocxPackage {
  names: ReadonlySet<string>;
  /** The bytes of a part (`word/document.xml`), or `undefined` when the package has no such part. */
  read(name: string, limit: number): Promise<Uint8Array | undefined>;
  close(): void;
}

/** An input that is not a usable .docx, with one line that says why. */
export class DocxError extends Error {
  override name = 'DocxError';
}

/**
 * Open a .docx (a zip) from its bytes. The entry count and the uncompressed
 * sizes the central directory declares are bounded before any entry is
 * inflated, and yauzl stops an entry whose data inflates past its declared
 * size (a zip bomb that lies about its sizes).
 */
export async function openPackage(bytes: Uint8Array): Promise<DocxPackage> {
  if (bytes.length > packageLimits.fileBytes)
    throw new DocxError(
      `file is ${bytes.length} bytes, over the limit of ${packageLimits.fileBytes} bytes for one .docx`,
    );
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b))
    throw new DocxError('not a .docx: the file is not a zip package (Word saves .docx as a zip)');
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
      { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false },
      (error, zipFile) => (error ? reject(zipError(error)) : resolve(zipFile)),
    ),
  );
  if (zip.entryCount > packageLimits.entries) {
    zip.close();
    throw new DocxError(
      `the zip has ${zip.entryCount} entries, over the limit of ${packageLimits.entries} (a zip bomb?)`,
    );
  }
  const entries = await new Promise<Map<string, Entry>>((resolve, reject) => {
    const found = new Map<string, Entry>();
    let total = 0;
    zip.on('entry', (entry: Entry) => {
      total += entry.uncompressedSize;
      if (total > packageLimits.totalBytes) {
        reject(
          new DocxError(
            `the zip's entries inflate to more than ${packageLimits.totalBytes} bytes (a zip bomb?)`,
          ),
        );
        return;
      }
      if (!entry.fileName.endsWith('/')) found.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', (error: Error) => reject(zipError(error)));
    zip.readEntry();
  }).catch((error: unknown) => {
    zip.close();
    throw error;
  });
  return {
    names: new Set(entries.keys()),
    read: async (name, limit) => {
      const entry = entries.get(name);
      if (!entry) return undefined;
      if (entry.uncompressedSize > limit)
        throw new DocxError(
          `${name} inflates to ${entry.uncompressedSize} bytes, over the limit of ${limit} bytes`,
        );
      return inflate(zip, entry);
    },
    close: () => zip.close(),
  };
}

function inflate(zip: ZipFile, entry: Entry): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) {
        reject(zipError(error, entry.fileName));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (streamError: Error) => reject(zipError(streamError, entry.fileName)));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

/** yauzl's error as one line: a damaged zip, or an entry that inflates past its declared size. */
function zipError(error: Error, name?: string): DocxError {
  const where = name ? `${name}: ` : '';
  if (/too many bytes/iu.test(error.message))
    return new DocxError(
      `${where}inflates past the size the zip declares for it (a zip bomb?), not read`,
    );
  if (/end of central directory/iu.test(error.message))
    return new DocxError('not a .docx: the zip package is truncated or damaged');
  return new DocxError(
    `${where}damaged zip package (${error.message.split('\n')[0] ?? error.message})`,
  );
}
