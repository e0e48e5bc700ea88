/**
 * File names the tool makes must fit the 255 bytes file systems allow, with
 * room for an extension: a longer name keeps its start (cut at a character,
 * and at a word when one ends near the cut) and ends with a short hash of the
 * whole name, so it stays deterministic and two long names stay apart.
 */
export function shortName(name: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(name).length <= maxBytes) return name;
  const suffix = `-${fnv1a(name)}`;
  let kept = '';
  let bytes = 0;
  for (const character of name) {
    const size = encoder.encode(character).length;
    if (bytes + size > maxBytes - suffix.length) break;
    kept += character;
    bytes += size;
  }
  const word = kept.lastIndexOf('-');
  if (word > kept.length * 0.75) kept = kept.slice(0, word);
  return kept.replace(/-+$/u, '') + suffix;
}

/** FNV-1a (32 bits) of a string's UTF-16 code units, as 8 hex digits: a stable short hash without node:crypto. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
