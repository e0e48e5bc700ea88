import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A shaped glyph as pdfkit reads it: id, advance in font units, the characters it shows. */
export interface ShapedGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/** A glyph's position as pdfkit keeps it (scaled to 1000 units per em). */
export interface ShapedPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** A shaped run as pdfkit keeps it (fontkit's GlyphRun has the same shape). */
export interface ShapedRun {
  glyphs: ShapedGlyph[];
  positions: ShapedPosition[];
  advanceWidth: number;
}

/** The file scripts/shaping-tables.mjs writes for a face. */
interface TablesFile {
  font: string;
  unitsPerEm: number;
  scripts: string[];
  characters: Array<[codePoint: number, glyph: number, script: number]>;
  advances: Array<[glyph: number, advance: number]>;
  plans: Array<{
    steps: Array<{
      single?: Array<[from: number, to: number]>;
      ligatures?: Array<[first: number, components: number[], ligature: number]>;
    }>;
    kern: number;
  }>;
  kerns: Array<{ glyphs: number[]; left: number[]; right: number[]; values: number[][] }>;
}

type Step =
  | { kind: 'single'; map: Map<number, number> }
  | { kind: 'ligatures'; map: Map<number, Array<[components: number[], ligature: number]>> };

interface Kerning {
  left: Map<number, number>;
  right: Map<number, number>;
  values: number[][];
}

/** How a face shapes text without combining marks, precomputed from the font. */
export interface ShapingTables {
  scale: number;
  common: number;
  characters: Map<number, { glyph: number; script: number }>;
  advances: Map<number, number>;
  plans: Array<{ steps: Step[]; kern: Kerning }>;
  /** Glyphs of one character, shared by every run that has them (keyed by id and character). */
  glyphs: Map<number, ShapedGlyph>;
}

/**
 * The precomputed tables of a face (dist/shaping/<face>.json), or undefined
 * when they are missing or were made from other font bytes: the face is then
 * shaped by fontkit.
 */
export function loadShapingTables(face: string, fontHash: string): ShapingTables | undefined {
  const folder = tablesFolder();
  if (!folder) return undefined;
  let file: TablesFile;
  try {
    file = JSON.parse(readFileSync(path.join(folder, `${face}.json`), 'utf8')) as TablesFile;
  } catch {
    return undefined;
  }
  if (file.font !== fontHash) return undefined;
  const kerns = file.kerns.map((kern): Kerning => ({
    left: new Map(kern.glyphs.map((glyph, index) => [glyph, kern.left[index] ?? 0])),
    right: new Map(kern.glyphs.map((glyph, index) => [glyph, kern.right[index] ?? 0])),
    values: kern.values,
  }));
  return {
    scale: 1000 / file.unitsPerEm,
    common: file.scripts.indexOf('DFLT'),
    characters: new Map(
      file.characters.map(([codePoint, glyph, script]) => [codePoint, { glyph, script }]),
    ),
    advances: new Map(file.advances),
    plans: file.plans.map((plan) => ({
      steps: plan.steps.map(stepOf),
      kern: kerns[plan.kern] ?? { left: new Map(), right: new Map(), values: [] },
    })),
    glyphs: new Map(),
  };
}

function stepOf(step: TablesFile['plans'][number]['steps'][number]): Step {
  if (step.single) return { kind: 'single', map: new Map(step.single) };
  const map = new Map<number, Array<[number[], number]>>();
  for (const [first, components, ligature] of step.ligatures ?? []) {
    const list = map.get(first) ?? [];
    list.push([components, ligature]);
    map.set(first, list);
  }
  return { kind: 'ligatures', map };
}

/**
 * Shape `text` from the tables exactly as fontkit would (see
 * scripts/shaping-tables.mjs), or undefined when a character is not in them.
 */
export function shapeWithTables(tables: ShapingTables, text: string): ShapedRun | undefined {
  const ids: number[] = [];
  const points: number[][] = [];
  let script = -1;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    const entry = tables.characters.get(codePoint);
    if (!entry) return undefined;
    ids.push(entry.glyph);
    points.push([codePoint]);
    if (script === -1 && entry.script !== tables.common) script = entry.script;
  }
  const plan = tables.plans[script === -1 ? tables.common : script];
  if (!plan) return undefined;
  for (const step of plan.steps) {
    if (step.kind === 'single') substitute(ids, step.map);
    else ligate(ids, points, step.map);
  }
  const positions: ShapedPosition[] = [];
  const glyphs: ShapedGlyph[] = [];
  let advanceWidth = 0;
  for (const [index, id] of ids.entries()) {
    const advance = tables.advances.get(id);
    const kern = index + 1 < ids.length ? kerning(plan.kern, id, ids[index + 1] ?? 0) : 0;
    if (advance === undefined || kern === undefined) return undefined;
    const xAdvance = (advance + kern) * tables.scale;
    positions.push({
      xAdvance,
      yAdvance: 0,
      xOffset: 0,
      yOffset: 0,
      advanceWidth: advance * tables.scale,
    });
    glyphs.push(glyphOf(tables, id, advance, points[index] ?? []));
    advanceWidth += xAdvance;
  }
  return { glyphs, positions, advanceWidth };
}

/** The glyph `id` showing `codePoints`: shared when it is one character, as most are. */
function glyphOf(
  tables: ShapingTables,
  id: number,
  advanceWidth: number,
  codePoints: number[],
): ShapedGlyph {
  if (codePoints.length !== 1) return { id, advanceWidth, codePoints };
  const key = id * 0x110000 + (codePoints[0] ?? 0);
  let glyph = tables.glyphs.get(key);
  if (!glyph) {
    glyph = { id, advanceWidth, codePoints };
    tables.glyphs.set(key, glyph);
  }
  return glyph;
}

function substitute(ids: number[], map: Map<number, number>): void {
  for (const [index, id] of ids.entries()) ids[index] = map.get(id) ?? id;
}

/** Ligatures, left to right, the first that matches at each glyph (fontkit's order). */
function ligate(
  ids: number[],
  points: number[][],
  map: Map<number, Array<[number[], number]>>,
): void {
  for (let index = 0; index < ids.length; index++) {
    for (const [components, ligature] of map.get(ids[index] ?? -1) ?? []) {
      if (!components.every((component, offset) => ids[index + 1 + offset] === component)) continue;
      const count = components.length + 1;
      ids.splice(index, count, ligature);
      points.splice(index, count, points.slice(index, index + count).flat());
      break;
    }
  }
}

function kerning(kern: Kerning, first: number, second: number): number | undefined {
  const left = kern.left.get(first);
  const right = kern.right.get(second);
  if (left === undefined || right === undefined) return undefined;
  return kern.values[left]?.[right] ?? 0;
}

/** dist/shaping, found from this module whether it runs bundled, compiled or from src/. */
function tablesFolder(): string | undefined {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidates =
      path.basename(folder) === 'dist'
        ? [path.join(folder, 'shaping')]
        : [path.join(folder, 'dist', 'shaping')];
    const found = candidates.find((candidate) => existsSync(candidate));
    if (found) return found;
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}
