import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

/** The four faces the PDF edition sets text in. */
export type Face = 'regular' | 'italic' | 'bold' | 'boldItalic';

export const faces: readonly Face[] = ['regular', 'italic', 'bold', 'boldItalic'];

// Noto Serif covers Latin (with Turkish) and Cyrillic. Loaded by deep path:
// the package's index is for Expo and does not load in Node.
const files: Record<Face, string> = {
  regular: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
  italic: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  bold: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
  boldItalic: '@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
};

export type FontSet = Record<Face, fontkit.Font>;

let loaded: FontSet | undefined;

/** The parsed fonts, parsed once per process. */
export function loadFonts(): FontSet {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const parse = (face: Face): fontkit.Font =>
      fontkit.create(readFileSync(require.resolve(files[face]))) as fontkit.Font;
    loaded = {
      regular: parse('regular'),
      italic: parse('italic'),
      bold: parse('bold'),
      boldItalic: parse('boldItalic'),
    };
  }
  return loaded;
}

/** Paths of the font files (for cache keys and reports). */
export function fontFiles(): string[] {
  const require = createRequire(import.meta.url);
  return faces.map((face) => require.resolve(files[face]));
}

/**
 * Forget glyphs that fontkit cached without their characters. pdfkit's subsetting
 * asks for glyphs by id alone, and fontkit caches the first glyph object made for
 * an id: a later document laid out with the same fonts would then get glyphs
 * with no characters, and its text would extract with letters missing. Called
 * before each document, so every PDF is the same whatever was built before it.
 */
export function forgetUnmappedGlyphs(fonts: FontSet): void {
  for (const face of faces) {
    const cache = (
      fonts[face] as unknown as { _glyphs?: Record<string, { codePoints: number[] } | undefined> }
    )._glyphs;
    if (!cache) continue;
    for (const [id, glyph] of Object.entries(cache))
      if (!glyph || glyph.codePoints.length === 0) delete cache[id];
  }
}
