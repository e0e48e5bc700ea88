// Stands in for `brotli/decompress.js` in the bundle: fontkit needs Brotli only
// for WOFF2 fonts, and citeproof sets its PDFs in TrueType fonts. The real
// module costs about 40 ms to load on every build.
module.exports = function decompress() {
  throw new Error('WOFF2 fonts are not supported: use a TrueType or OpenType font');
};
