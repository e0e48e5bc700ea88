import { describe, expect, it } from 'vitest';
import { canShow, canShowAll } from '../../src/fonts/index.js';

describe('what the fonts can show, for every code point', () => {
  it('should judge a whole text as canShow judges each of its characters, for every code point', () => {
    for (const setting of ['prose', 'code'] as const) {
      const disagree: string[] = [];
      for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
        if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
        const char = String.fromCodePoint(codePoint);
        if (canShowAll(`a${char}b`, setting) !== canShow(codePoint, setting))
          disagree.push(codePoint.toString(16));
      }
      expect(disagree, setting).toEqual([]);
    }
  });
});
