import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without types.
import { codeFonts, proseFonts, rangesOf } from '../scripts/font-coverage.mjs';
import { codeRanges, proseRanges } from '../src/fonts/coverage.js';
import { type Setting, canShow, canShowAll } from '../src/fonts/index.js';
import { parse } from '../src/parse/parse.js';
import { check } from '../src/rules/check.js';
import { namedCharacters } from '../src/rules/unsupported-character.js';
import { fixtureToday } from './helpers.js';

describe('font coverage (src/fonts)', () => {
  it('should be the coverage of the fonts the PDF embeds (rerun scripts/font-coverage.mjs when stale)', () => {
    expect(proseRanges).toBe(rangesOf(proseFonts));
    expect(codeRanges).toBe(rangesOf(codeFonts));
  });

  it('should show Latin, Turkish, Greek and Cyrillic in both settings, and not emoji or CJK', () => {
    for (const char of 'AzğİşÖüЖщёαΩ«»“”–—…')
      for (const setting of ['prose', 'code'] as const)
        expect(canShow(char.codePointAt(0) ?? 0, setting), `${char} ${setting}`).toBe(true);
    for (const char of ['🎉', '中', 'م', '✓'])
      expect(canShow(char.codePointAt(0) ?? 0, 'prose'), char).toBe(false);
    // ≤ and ≠ are not in the serif faces: prose takes them from the monospace face.
    for (const char of '≤≠→')
      for (const setting of ['prose', 'code'] as const)
        expect(canShow(char.codePointAt(0) ?? 0, setting), `${char} ${setting}`).toBe(true);
  });
});

describe('canShowAll', () => {
  it('should say of every character what canShow says, in a text and alone, in both settings', () => {
    const astral = [0x1f389, 0x1d400, 0x10348, 0x20000, 0x1f600];
    for (const setting of ['prose', 'code'] as Setting[]) {
      let shown = 0;
      for (let code = 0; code <= 0xffff; code++) {
        if (code >= 0xd800 && code <= 0xdfff) continue;
        const char = String.fromCharCode(code);
        const expected = canShow(code, setting);
        if (
          canShowAll(`Aд ${char} z`, setting) !== expected ||
          canShowAll(char, setting) !== expected
        )
          expect(canShowAll(char, setting), `U+${code.toString(16)} ${setting}`).toBe(expected);
        if (expected) shown++;
      }
      expect(shown).toBeGreaterThan(1000);
      for (const codePoint of astral) {
        const char = String.fromCodePoint(codePoint);
        expect(canShowAll(`a${char}`, setting)).toBe(canShow(codePoint, setting));
      }
      // A lone surrogate is no character the fonts have.
      expect(canShowAll('a\ud800b', setting)).toBe(false);
    }
  });
});

describe('unsupported-character', () => {
  it('should name every character the fonts cannot show, with its position, in prose, code and the title', async () => {
    const name = path.join(import.meta.dirname, 'fixtures', 'pdf', 'unsupported-characters.md');
    const file = new VFile({ path: name, value: readFileSync(name, 'utf8') });
    await check(parse(file), file, { today: fixtureToday });
    const found = file.messages
      .filter((message) => message.ruleId === 'unsupported-character')
      .map(
        (message) => `${message.line}:${message.column} ${/`(.+?)`/u.exec(message.reason)?.[1]}`,
      );
    expect(found).toEqual([
      '7:8 م',
      '7:9 ر',
      '7:10 ح',
      '7:11 ب',
      '7:12 ا',
      '7:23 中',
      '7:24 文',
      '7:36 🎉',
      '10:6 ✓',
      '2:16 ✓',
    ]);
    expect(file.messages.every((message) => message.fatal === true)).toBe(true);
  });

  it('should name a character the fonts cannot show in the fields of TOML front matter as of YAML', async () => {
    for (const value of [
      '---\ntitle: Agreed ✓\nauthor: A. Writer\nlang: en\n---\n\nText.\n',
      '+++\ntitle = "Agreed ✓"\nauthor = "A. Writer"\nlang = "en"\n+++\n\nText.\n',
    ]) {
      const file = new VFile({ path: 'front.md', value });
      await check(parse(file), file, { today: fixtureToday });
      const found = file.messages
        .filter((message) => message.ruleId === 'unsupported-character')
        .map((message) => `${message.line}:${message.column}`);
      expect(found, value).toEqual([value.startsWith('+') ? '2:17' : '2:15']);
    }
  });

  it('should name the first 200 characters one by one and count the rest in one message at the first of them', async () => {
    // Line 7: 150 check marks; line 9: 120 letters of Hebrew (two words), then 3 in code.
    const body = `${'✓ '.repeat(150)}\n\n${'עברית '.repeat(24)}\`中文中\`\n`;
    const value = `---\ntitle: Many\nauthor: A. Writer\nlang: en\n---\n\n${body}`;
    const file = new VFile({ path: 'many.md', value });
    await check(parse(file), file, { today: fixtureToday });
    const messages = file.messages.filter((message) => message.ruleId === 'unsupported-character');
    expect(messages).toHaveLength(namedCharacters + 1);
    const named = messages.slice(0, namedCharacters);
    expect(named.every((message) => message.reason.startsWith('Unexpected character `'))).toBe(
      true,
    );
    // The 200th: the 50th Hebrew letter (`ע` starts each word of five).
    expect(`${named[199]?.line}:${named[199]?.column}`).toBe(`9:${9 * 6 + 5}`);
    const rest = messages[namedCharacters];
    expect(rest?.reason).toMatch(
      /^Unexpected 73 more characters that no embedded PDF font can show, from `ע` \(U\+05E2\) on \(only the first 200 are named\)/u,
    );
    expect(`${rest?.line}:${rest?.column}`).toBe(`9:${10 * 6 + 1}`);
    expect(rest?.fatal).toBe(true);
  });

  it('should count only the characters that comments leave on toward the 200, so that none is lost', async () => {
    // 300 check marks where comments switch the rule off (line 8), then 250 after (line 12):
    // had the silenced ones counted, every message would fall in the silenced stretch.
    const body = [
      '<!-- citeproof disable unsupported-character -->',
      `${'✓ '.repeat(300)}`,
      '<!-- citeproof enable unsupported-character -->',
      '',
      `Text ${'✓ '.repeat(250)}`,
    ].join('\n\n');
    const value = `---\ntitle: Quiet\nauthor: A. Writer\nlang: en\n---\n\n${body}\n`;
    const file = new VFile({ path: 'quiet.md', value });
    await check(parse(file), file, { today: fixtureToday });
    const messages = file.messages.filter((message) => message.ruleId === 'unsupported-character');
    expect(messages).toHaveLength(namedCharacters + 1);
    expect(messages.every((message) => message.line === 15)).toBe(true);
    expect(messages[namedCharacters]?.reason).toMatch(/^Unexpected 50 more characters/u);
    expect(messages[namedCharacters]?.column).toBe(6 + 2 * namedCharacters);
  });
});
