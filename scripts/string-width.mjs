// vfile-reporter measures every cell of its table with string-width, which
// starts an Intl.Segmenter (ICU's break iterator: about 10 ms of a cold check
// that reports anything). A string of printable ASCII is one column per
// character, so it is measured directly; anything else goes to string-width.
// Bundled in place of `string-width` (scripts/bundle.mjs); tests/bundle-shims.test.ts
// compares both on every printable ASCII character.
import stringWidth from '../node_modules/string-width/index.js';

const printableAscii = /^[\x20-\x7e]*$/;

export default function width(string, options) {
  return typeof string === 'string' && printableAscii.test(string)
    ? string.length
    : stringWidth(string, options);
}
