import { describe, expect, it } from 'vitest';
import {
  type EmbeddedFontEncoder,
  type TextPiece,
  fillColorOperators,
  writeText,
} from '../src/editions/pdf/text-operators.js';
import type { ShapedPosition } from '../src/editions/pdf/shaping.js';

/** A stand-in for pdfkit's embedded font: one glyph per character, its code its index; `V` kerned. */
function fakeFont(id: string): EmbeddedFontEncoder & { refs: number } {
  const font = {
    id,
    refs: 0,
    ref: () => {
      font.refs++;
      return { font: id };
    },
    encode: (text: string): [string[], ShapedPosition[]] => [
      [...text].map((char) => (char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')),
      [...text].map((char) => {
        const kern = char === 'V' ? -80 : 0;
        return {
          xAdvance: 600 + kern,
          yAdvance: 0,
          xOffset: 0,
          yOffset: char === '\u0301' ? 50 : 0,
          advanceWidth: 600,
        };
      }),
    ],
  };
  return font;
}

function target(): {
  page: { height: number; fonts: Record<string, unknown> };
  written: string[];
  addContent: (data: string) => void;
  markContent: (tag: string, options: { lang: string }) => void;
  endMarkedContent: () => void;
} {
  const written: string[] = [];
  return {
    page: { height: 800, fonts: {} },
    written,
    addContent: (data) => written.push(...data.split('\n')),
    markContent: (tag, options) => written.push(`<${tag} ${options.lang}>`),
    endMarkedContent: () => written.push('</>'),
  };
}

const ink = fillColorOperators('#111111');
const blue = fillColorOperators('#1a3e8c');

function piece(font: EmbeddedFontEncoder, text: string, x: number, more: Partial<TextPiece> = {}) {
  return { text, font, size: 10, scale: 100, color: ink, x, y: 100, ...more };
}

describe('writeText', () => {
  it('should write a line as one text object, the font, scale and colour only where they change', () => {
    const regular = fakeFont('F1');
    const italic = fakeFont('F2');
    const page = target();
    writeText(page, [
      piece(regular, 'AV ', 10),
      piece(regular, 'b ', 40),
      piece(italic, 'c ', 60, { scale: 99.5 }),
      piece(italic, 'd', 80, { scale: 99.5, color: blue }),
      piece(regular, 'e', 90),
    ]);
    expect(page.written).toEqual([
      'q',
      '1 0 0 -1 0 800 cm',
      'BT',
      '/DeviceRGB cs',
      '0.06666666666666667 0.06666666666666667 0.06666666666666667 scn',
      '/F1 10 Tf',
      '1 0 0 1 10 700 Tm',
      // The kerned V ends a segment, with its kerning (in thousandths of the size, negated).
      '[<00410056> 80 <0020>] TJ',
      '1 0 0 1 40 700 Tm',
      '[<00620020>] TJ',
      '/F2 10 Tf',
      '99.5 Tz',
      '1 0 0 1 60 700 Tm',
      '[<00630020>] TJ',
      '/DeviceRGB cs',
      '0.10196078431372549 0.24313725490196078 0.5490196078431373 scn',
      '1 0 0 1 80 700 Tm',
      '[<0064>] TJ',
      '/DeviceRGB cs',
      '0.06666666666666667 0.06666666666666667 0.06666666666666667 scn',
      '/F1 10 Tf',
      '100 Tz',
      '1 0 0 1 90 700 Tm',
      '[<0065>] TJ',
      'ET',
      'Q',
    ]);
    expect(page.page.fonts).toEqual({ F1: { font: 'F1' }, F2: { font: 'F2' } });
    expect(regular.refs).toBe(1);
  });

  it('should put a language span around its piece, inside the text object', () => {
    const font = fakeFont('F1');
    const page = target();
    writeText(page, [piece(font, 'a ', 10), piece(font, 'b', 20, { lang: 'tr' })]);
    expect(page.written.slice(page.written.indexOf('BT'))).toEqual([
      'BT',
      '/DeviceRGB cs',
      '0.06666666666666667 0.06666666666666667 0.06666666666666667 scn',
      '/F1 10 Tf',
      '1 0 0 1 10 700 Tm',
      '[<00610020>] TJ',
      '<Span tr>',
      '1 0 0 1 20 700 Tm',
      '[<0062>] TJ',
      '</>',
      'ET',
      'Q',
    ]);
  });

  it('should set a moved glyph (a combining mark) from its own Tm and go on from where pdfkit would', () => {
    const font = fakeFont('F1');
    const page = target();
    writeText(page, [piece(font, 'e\u0301x', 10)]);
    expect(page.written.slice(page.written.indexOf('1 0 0 1 10 700 Tm'))).toEqual([
      '1 0 0 1 10 700 Tm',
      '[<0065>] TJ',
      // The mark: its offset (50 thousandths of 10 pt up), after the e's advance of 6 pt.
      '1 0 0 1 16 700.5 Tm',
      '[<0301>] TJ',
      '1 0 0 1 22 700 Tm',
      '[<0078>] TJ',
      'ET',
      'Q',
    ]);
  });

  it('should drop line feeds and write nothing for an empty piece', () => {
    const font = fakeFont('F1');
    const page = target();
    writeText(page, [piece(font, '', 10), piece(font, 'a\nb', 20)]);
    expect(page.written.filter((line) => line.endsWith('TJ'))).toEqual(['[<00610062>] TJ']);
  });
});
