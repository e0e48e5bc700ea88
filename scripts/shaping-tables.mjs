// Precomputes how fontkit shapes plain text in each face of the PDF edition, so
// that a build can shape words from small tables instead of decoding the
// fonts' GSUB/GPOS tables and planning every word (about 80 ms of a cold
// one-article build). Writes dist/shaping/<face>.json; run by scripts/bundle.mjs.
//
// What it models is exactly what fontkit 2 does with the features citeproof asks
// for (`markFeatures`: no ccmp, mark, mkmk) on text without combining marks:
// the run's script is the script of its first character that is not Common,
// Inherited or Unknown (else DFLT); that script's default language system gives
// the GSUB and GPOS lookups of fontkit's default features, applied in lookup
// order. The fonts use only single substitutions (locl), ligatures (liga) and
// pair kerning (kern), which are modelled here; any other lookup type in those
// features, any positioning besides the first glyph's advance, or a mark glyph
// makes this script fail, so a new font cannot be shaped wrongly. Characters
// that fontkit treats specially (marks, default ignorables, the fraction slash,
// other scripts) are left out: text containing them is shaped by fontkit.
// tests/deep/pdf-shaping.test.ts compares both shapers.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { getScript } from 'unicode-properties';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The serif faces' files (fonts/, named in src/fonts/files.ts).
const files = {
  regular: 'NotoSerif_400Regular.ttf',
  italic: 'NotoSerif_400Regular_Italic.ttf',
  bold: 'NotoSerif_700Bold.ttf',
  boldItalic: 'NotoSerif_700Bold_Italic.ttf',
};
// fontkit's default features (DefaultShaper, left to right), without the mark features.
const features = [
  'rvrn',
  'ltra',
  'ltrm',
  'locl',
  'rlig',
  'calt',
  'clig',
  'liga',
  'rclt',
  'curs',
  'kern',
];
// Applied by fontkit only around a fraction slash, which is left out.
const fractionFeatures = ['frac', 'numr', 'dnom'];
const scripts = ['DFLT', 'latn', 'cyrl', 'grek'];
const scriptOf = { Common: 'DFLT', Latin: 'latn', Cyrillic: 'cyrl', Greek: 'grek' };

const out = path.join(root, 'dist', 'shaping');
mkdirSync(out, { recursive: true });
for (const [face, file] of Object.entries(files)) {
  const bytes = readFileSync(path.join(root, 'fonts', file));
  writeFileSync(path.join(out, `${face}.json`), JSON.stringify(tablesOf(bytes, face)));
}

function tablesOf(bytes, face) {
  const font = fontkit.create(bytes);
  font.layout('a'); // creates fontkit's processors, whose coverage and class helpers are used below
  const { GSUBProcessor: gsub, GPOSProcessor: gpos } = font._layoutEngine.engine;
  const glyphClass = (id) =>
    font.GDEF?.glyphClassDef ? gsub.getClassID(id, font.GDEF.glyphClassDef) : 0;
  const fail = (reason) => {
    throw new Error(`scripts/shaping-tables.mjs: ${face}: ${reason}`);
  };

  const characters = [];
  for (const codePoint of font.characterSet) {
    const script = scriptOf[getScript(codePoint)];
    const char = String.fromCodePoint(codePoint);
    if (!script || /\p{M}|\p{Cc}|\p{Cs}/u.test(char) || codePoint === 0x2044) continue;
    if (font._layoutEngine.isDefaultIgnorable(codePoint)) continue;
    const glyph = font.glyphForCodePoint(codePoint).id;
    if (glyph === 0 || glyphClass(glyph) === 3) continue;
    characters.push([codePoint, glyph, scripts.indexOf(script)]);
  }

  const glyphs = new Set(characters.map(([, glyph]) => glyph));
  const plans = scripts.map((script) => {
    const steps = [];
    for (const { lookup, index } of lookupsOf(font.GSUB, script, fail)) {
      // Each step sees the glyphs the steps before it can make.
      if (lookup.lookupType === 1) steps.push({ single: singles(lookup, gsub, glyphs) });
      else if (lookup.lookupType === 4) steps.push({ ligatures: ligatures(lookup, gsub, glyphs) });
      else fail(`GSUB lookup ${index} has type ${lookup.lookupType}`);
      const step = steps[steps.length - 1];
      for (const [, to] of step.single ?? []) glyphs.add(to);
      for (const [, , to] of step.ligatures ?? []) glyphs.add(to);
    }
    return { steps, kern: lookupsOf(font.GPOS, script, fail) };
  });
  for (const glyph of glyphs) if (glyphClass(glyph) === 3) fail(`glyph ${glyph} is a mark`);

  const ids = [...glyphs].sort((a, b) => a - b);
  const kerns = [];
  const kernKeys = [];
  for (const plan of plans) {
    const key = plan.kern.map(({ index }) => index).join('+');
    let at = kernKeys.indexOf(key);
    if (at === -1) {
      at = kernKeys.push(key) - 1;
      kerns.push(kerning(plan.kern, gpos, ids, fail));
    }
    plan.kern = at;
  }

  return {
    font: createHash('sha256').update(bytes).digest('hex'),
    unitsPerEm: font.unitsPerEm,
    scripts,
    characters,
    advances: ids.map((id) => [id, font.getGlyph(id).advanceWidth]),
    plans,
    kerns,
  };
}

/**
 * The lookups fontkit applies for `script` (its default language system; a
 * script the font lacks falls back to DFLT, dflt, latn as in fontkit), in lookup order.
 */
function lookupsOf(table, script, fail) {
  const record =
    table.scriptList.find((entry) => entry.tag === script) ??
    table.scriptList.find((entry) => entry.tag === 'DFLT') ??
    table.scriptList.find((entry) => entry.tag === 'dflt') ??
    table.scriptList.find((entry) => entry.tag === 'latn');
  const langSys = record?.script.defaultLangSys;
  if (!langSys) return [];
  const found = [];
  for (const featureIndex of langSys.featureIndexes) {
    const { tag, feature } = table.featureList[featureIndex];
    if (fractionFeatures.includes(tag) || !features.includes(tag)) continue;
    for (const index of feature.lookupListIndexes) {
      const lookup = table.lookupList.get(index);
      const { ignoreBaseGlyphs, ignoreLigatures } = lookup.flags.flags;
      if (ignoreBaseGlyphs || ignoreLigatures)
        fail(`lookup ${index} ignores base glyphs or ligatures`);
      found.push({ lookup: unwrap(lookup, fail), index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** A lookup with its extension subtables (GSUB type 7, GPOS type 9) replaced by what they wrap. */
function unwrap(lookup, fail) {
  const subTables = lookup.subTables.map((table) => table.extension ?? table);
  const types = new Set(
    lookup.subTables.map((table) => (table.extension ? table.lookupType : lookup.lookupType)),
  );
  if (types.size > 1) fail('a lookup mixes subtable types');
  return { lookupType: [...types][0] ?? lookup.lookupType, subTables };
}

/** A single substitution lookup as [from, to] pairs for the glyphs that can reach it. */
function singles(lookup, processor, glyphs) {
  const pairs = [];
  for (const glyph of glyphs) {
    for (const table of lookup.subTables) {
      const index = processor.coverageIndex(table.coverage, glyph);
      if (index === -1) continue;
      const to =
        table.version === 1 ? (glyph + table.deltaGlyphID) & 0xffff : table.substitute.get(index);
      if (to !== glyph) pairs.push([glyph, to]);
      break;
    }
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

/** A ligature lookup as [first, components, ligature] in the order fontkit tries them. */
function ligatures(lookup, processor, glyphs) {
  const found = [];
  for (const glyph of [...glyphs].sort((a, b) => a - b)) {
    for (const table of lookup.subTables) {
      const index = processor.coverageIndex(table.coverage, glyph);
      if (index === -1) continue;
      for (const ligature of table.ligatureSets.get(index))
        found.push([glyph, [...ligature.components], ligature.glyph]);
    }
  }
  return found;
}

/**
 * Pair kerning over `ids` as fontkit applies it (per lookup, the first subtable
 * that applies; format 2 applies whenever the first glyph is covered), summed
 * over the lookups, stored as classes of glyphs with equal rows and columns:
 * the change of the first glyph's advance is `values[left][right]`.
 */
function kerning(lookups, processor, ids, fail) {
  const rows = ids.map(() => new Array(ids.length).fill(0));
  for (const { lookup, index } of lookups) {
    if (lookup.lookupType !== 2) fail(`GPOS lookup ${index} has type ${lookup.lookupType}`);
    const tables = lookup.subTables.map((table) => ({
      table,
      classes2:
        table.version === 2 ? ids.map((id) => processor.getClassID(id, table.classDef2)) : [],
    }));
    ids.forEach((first, row) => {
      const covered = [];
      for (const { table, classes2 } of tables) {
        const at = processor.coverageIndex(table.coverage, first);
        if (at === -1) continue;
        if (table.version === 1) {
          covered.push({ pairs: pairMap(table.pairSets.get(at)) });
        } else {
          const record = table.classRecords.get(processor.getClassID(first, table.classDef1));
          covered.push({ record, classes2 });
          break; // a format 2 subtable always applies: later ones are never reached
        }
      }
      if (covered.length === 0) return;
      ids.forEach((second, column) => {
        for (const { pairs, record, classes2 } of covered) {
          const values = pairs ? pairs.get(second) : record.get(classes2[column]);
          if (!values) continue;
          rows[row][column] += xAdvanceOnly(values, fail);
          break;
        }
      });
    });
  }
  const right = classes(ids.map((_, column) => rows.map((row) => row[column]).join(',')));
  const rightCount = Math.max(0, ...right) + 1;
  const reduced = rows.map((row) => {
    const values = new Array(rightCount).fill(0);
    row.forEach((value, column) => (values[right[column]] = value));
    return values;
  });
  const left = classes(reduced.map((values) => values.join(',')));
  const values = [];
  reduced.forEach((row, index) => (values[left[index]] = row));
  return {
    glyphs: ids,
    left,
    right,
    values,
  };
}

function pairMap(set) {
  const map = new Map();
  for (const pair of set) if (!map.has(pair.secondGlyph)) map.set(pair.secondGlyph, pair);
  return new Map(
    [...map].map(([glyph, pair]) => [glyph, { value1: pair.value1, value2: pair.value2 }]),
  );
}

/** The first glyph's advance change of a pair; anything else is not modelled. */
function xAdvanceOnly({ value1, value2 }, fail) {
  for (const key of [
    'xPlacement',
    'yPlacement',
    'yAdvance',
    'xPlaDevice',
    'yPlaDevice',
    'xAdvDevice',
    'yAdvDevice',
  ])
    if (value1?.[key]) fail(`a kerning pair sets ${key}`);
  for (const [key, value] of Object.entries(value2 ?? {}))
    if (value) fail(`a kerning pair moves the second glyph (${key})`);
  return value1?.xAdvance ?? 0;
}

/** Class numbers for keys: equal keys, equal class; classes numbered in order of first appearance. */
function classes(keys) {
  const numbers = new Map();
  return keys.map((key) => {
    if (!numbers.has(key)) numbers.set(key, numbers.size);
    return numbers.get(key);
  });
}
