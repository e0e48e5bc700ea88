import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The faces the PDF edition sets text in: four of the serif, and a monospace face for code. */
export type Face = 'regular' | 'italic' | 'bold' | 'boldItalic' | 'mono';

/**
 * The font file of each face, in the package's `fonts/` folder: unchanged copies of
 * the only five faces used (Noto Serif and Noto Sans Mono, OFL; fonts/README.md says
 * where from). They cover Latin (with Turkish), Greek and Cyrillic. Shipping these
 * instead of the npm font packages, which carry every weight, took 16 MB off the install.
 */
export const fontFileNames: Readonly<Record<Face, string>> = {
  regular: 'NotoSerif_400Regular.ttf',
  italic: 'NotoSerif_400Regular_Italic.ttf',
  bold: 'NotoSerif_700Bold.ttf',
  boldItalic: 'NotoSerif_700Bold_Italic.ttf',
  mono: 'NotoSansMono_400Regular.ttf',
};

let folder: string | undefined;

/**
 * The path of a face's font file: `fonts/` beside citeproof's package.json, found
 * from this module whether it runs bundled (dist/citeproof.cjs), compiled
 * (dist/fonts/) or from src/ (tests).
 */
export function fontFile(face: Face): string {
  if (folder === undefined) {
    let here = path.dirname(fileURLToPath(import.meta.url));
    while (!existsSync(path.join(here, 'package.json'))) {
      const parent = path.dirname(here);
      if (parent === here) throw new Error('citeproof: cannot find its own package.json');
      here = parent;
    }
    folder = path.join(here, 'fonts');
  }
  return path.join(folder, fontFileNames[face]);
}
