import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, seedSlug } from '../helpers.js';
import { pageDifferences } from '../same-pages.js';

/** The committed PDF of the seed, with `from` (which it holds once) replaced by `to` of the same length. */
function edited(from: string, to: string): Buffer {
  const bytes = readFileSync(path.join(root, 'output', `${seedSlug}.pdf`));
  const text = bytes.toString('latin1');
  expect(to).toHaveLength(from.length);
  expect(text.split(from)).toHaveLength(2);
  return Buffer.from(text.replace(from, to), 'latin1');
}

describe('pageDifferences, the comparison of two PDFs as a reader meets them', () => {
  const seed = readFileSync(path.join(root, 'output', `${seedSlug}.pdf`));

  it('should find none between a PDF and itself', async () => {
    expect(await pageDifferences(seed, Buffer.from(seed))).toEqual([]);
  });

  it('should find a link moved by a millionth of a point, which no pixel shows', async () => {
    const moved = edited('/Rect [513.596022 ', '/Rect [513.596023 ');
    expect(await pageDifferences(seed, moved)).toEqual(['annotations or destinations differ']);
  });

  it('should find a destination that takes the reader to another place', async () => {
    const moved = edited('/XYZ 78 116.125 null]', '/XYZ 78 216.125 null]');
    expect(await pageDifferences(seed, moved)).toEqual(['annotations or destinations differ']);
  });

  it('should find a link that goes to the whole page instead', async () => {
    const other = edited('/XYZ 78 116.125 null]', '/Fit                ]');
    expect(await pageDifferences(seed, other)).toEqual(['annotations or destinations differ']);
  });
});
