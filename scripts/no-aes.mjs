// Stands in for `@noble/ciphers/aes` in the bundle: pdfkit needs AES only to
// encrypt PDFs, which citeproof never does, and the real module builds its
// tables (about 7 ms) on every build.
const unsupported = () => {
  throw new Error('PDF encryption is not supported');
};
export const cbc = unsupported;
export const ecb = unsupported;
