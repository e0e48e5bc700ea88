import { describe, expect, it } from 'vitest';
import { shortName } from '../src/model/short-name.js';

/** FNV-1a (32 bits) of the UTF-16 code units, written apart from the tool's (BigInt, no `Math.imul`). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5n;
  for (let index = 0; index < text.length; index++) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x01000193n) & 0xffffffffn;
  }
  return hash.toString(16).padStart(8, '0');
}

const bytes = (text: string): number => new TextEncoder().encode(text).length;
const alphabet = 'abcdefghijklmnopqrstuvwxyz';

// With 20 bytes, a shortened name keeps 11 bytes of its start: 20 less `-` and 8 hex digits.
describe('shortName', () => {
  it('should keep a name that fits, up to the last byte', () => {
    expect(shortName('abc', 3)).toBe('abc');
    expect(shortName('ğğ', 4)).toBe('ğğ');
  });

  it('should keep the start of a longer name and end it with the FNV-1a hash of the whole name', () => {
    expect(fnv1a('')).toBe('811c9dc5'); // the published test vectors
    expect(fnv1a('a')).toBe('e40c292c');
    expect(shortName(alphabet, 20)).toBe(`abcdefghijk-${fnv1a(alphabet)}`);
    expect(bytes(shortName(alphabet, 20))).toBe(20);
    expect(shortName(`${alphabet}!`, 20)).not.toBe(shortName(alphabet, 20));
  });

  it('should write the hash with eight hex digits, leading zeros included', () => {
    const name = 'a-long-article-name-420';
    expect(fnv1a(name)).toBe('0c9b5245');
    expect(shortName(name, 20)).toBe('a-long-arti-0c9b5245');
  });

  it('should cut between characters, never inside one', () => {
    const name = 'ğ'.repeat(12);
    expect(shortName(name, 20)).toBe(`ğğğğğ-${fnv1a(name)}`);
  });

  it('should cut at the last word when it ends in the last quarter of what is kept', () => {
    const late = 'abcdefghi-jklmnopqrstuvwxyz';
    expect(shortName(late, 20)).toBe(`abcdefghi-${fnv1a(late)}`);
    const early = 'ab-cdefghijklmnopqrstuvwxyz';
    expect(shortName(early, 20)).toBe(`ab-cdefghij-${fnv1a(early)}`);
    // 12 bytes kept, the word ends at 9: exactly three quarters is not past them.
    const edge = 'abcdefghi-klmnopqrstuvwxyz';
    expect(shortName(edge, 21)).toBe(`abcdefghi-kl-${fnv1a(edge)}`);
  });

  it('should drop every dash the cut leaves at the end, and only those', () => {
    const name = 'ab-defg---xyzxyzxyzxyz';
    expect(shortName(name, 20)).toBe(`ab-defg-${fnv1a(name)}`);
  });
});
