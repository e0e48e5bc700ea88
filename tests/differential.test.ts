import { describe, expect, it } from 'vitest';
import { fastParse } from '../src/parse/fast-parse.js';
import { disagreementsFor } from './differential/disagreements.js';
import { commonmarkExamples, footnoteVariants, readmeExamples } from './differential/inputs.js';
import { micromarkTree } from './differential/oracle.js';

describe('footnote findings match an oracle built on micromark alone', () => {
  it('should agree on every CommonMark 0.31.2 spec example', async () => {
    const inputs = commonmarkExamples();
    expect(inputs.length).toBe(652);
    expect(await disagreementsFor(inputs)).toEqual([]);
  });

  it('should agree on the spec examples with their links made footnote calls', async () => {
    expect(await disagreementsFor(footnoteVariants(commonmarkExamples()))).toEqual([]);
  });

  it('should agree on the examples of the GFM extensions’ readmes', async () => {
    const inputs = readmeExamples();
    expect(inputs.length).toBeGreaterThan(15);
    expect(await disagreementsFor([...inputs, ...footnoteVariants(inputs)])).toEqual([]);
  });

  it('should leave link and footnote labels of 999 characters and more to micromark', () => {
    for (const length of [999, 1000]) {
      const label = 'y'.repeat(length);
      const text = `A [${label}] and a call.[^${label}]\n\n[${label}]: https://example.com\n\n[^${label}]: Jane Doe.\n`;
      expect(fastParse(text)).toBeUndefined();
      expect(micromarkTree(text).children.map((node) => node.type)).toEqual(
        length === 999
          ? ['paragraph', 'definition', 'footnoteDefinition']
          : ['paragraph', 'paragraph', 'paragraph'],
      );
    }
  });
});
