// fontkit, unicode-properties and linebreak each build their Unicode tries when
// they are loaded (two inflates of base64 data apiece, about 15 ms of a cold
// build), though a build of Latin, Greek and Cyrillic text shaped from the
// precomputed tables (src/editions/pdf/shaping.ts) needs few or none of them.
// Bundled in place of `unicode-trie` (scripts/bundle.mjs): the same class,
// built on the first `get`.
const UnicodeTrie = require('../node_modules/unicode-trie/index.js');

class LazyUnicodeTrie {
  constructor(data) {
    this.source = data;
  }

  get(codePoint) {
    const trie = new UnicodeTrie(this.source);
    this.source = undefined;
    this.get = (point) => trie.get(point);
    return trie.get(codePoint);
  }
}

module.exports = LazyUnicodeTrie;
