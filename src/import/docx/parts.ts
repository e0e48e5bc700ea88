import path from 'node:path/posix';
import type { Element } from 'xast';
import { attribute, child, elements, parsePart, textOf, toggle } from './xml.js';
import { type DocxPackage, DocxError, packageLimits } from './zip.js';

/** A relationship of a part: an image, a hyperlink, the notes part. */
export interface Relationship {
  type: string;
  /** The package part it points at (`word/media/image1.png`), or an outside URL. */
  target: string;
  external: boolean;
}

export type Relationships = ReadonlyMap<string, Relationship>;

/** What a paragraph or character style means for the import. */
export interface Style {
  name: string;
  /** Heading level from the style's outline level (1-based). */
  outline?: number;
  basedOn?: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
}

/** One level of a numbering definition. */
export interface NumberingLevel {
  ordered: boolean;
  start: number;
}

export interface Numbering {
  /** `numId` → its abstract numbering, its start overrides and its redefined levels. */
  instances: ReadonlyMap<
    string,
    {
      abstract: string;
      starts: ReadonlyMap<number, number>;
      levels: ReadonlyMap<number, NumberingLevel>;
    }
  >;
  /** `abstractNumId` → its levels. */
  abstracts: ReadonlyMap<string, ReadonlyMap<number, NumberingLevel>>;
}

/** The document's core properties (docProps/core.xml). */
export interface CoreProperties {
  title?: string;
  creator?: string;
  language?: string;
  created?: string;
  modified?: string;
  keywords?: string;
  description?: string;
  subject?: string;
}

/** Read and parse one XML part; `undefined` when the package has none. */
export async function readPart(
  docx: DocxPackage,
  name: string | undefined,
): Promise<Element | undefined> {
  if (name === undefined) return undefined;
  const bytes = await docx.read(name, packageLimits.partBytes);
  return bytes ? parsePart(name, bytes) : undefined;
}

/** The `_rels/…rels` part of `partName`, its targets resolved against the part's folder. */
export async function readRelationships(
  docx: DocxPackage,
  partName: string,
): Promise<Relationships> {
  const relsName = path.join(path.dirname(partName), '_rels', `${path.basename(partName)}.rels`);
  const rels = await readPart(docx, relsName);
  const map = new Map<string, Relationship>();
  for (const rel of elements(rels, 'rel:Relationship')) {
    const id = attribute(rel, 'Id');
    const target = attribute(rel, 'Target') ?? '';
    const external = attribute(rel, 'TargetMode') === 'External';
    if (!id) continue;
    map.set(id, {
      type: (attribute(rel, 'Type') ?? '').replace(/^.*\//u, ''),
      target: external
        ? target
        : target.startsWith('/')
          ? target.slice(1)
          : path.normalize(path.join(path.dirname(partName), decodeTarget(target))),
      external,
    });
  }
  return map;
}

/** A relationship's target as a part name (`%20` is a space); left as written when it is not valid percent-encoding. */
function decodeTarget(target: string): string {
  try {
    return decodeURI(target);
  } catch {
    return target;
  }
}

/** The main document part, as `_rels/.rels` names it. */
export async function mainPartName(docx: DocxPackage): Promise<string> {
  const root = await readRelationships(docx, '');
  const main = [...root.values()].find((rel) => rel.type === 'officeDocument');
  const name = main?.target ?? 'word/document.xml';
  if (!docx.names.has(name))
    throw new DocxError(
      `missing part ${name}: the package has no main document (is it a Word file?)`,
    );
  return name;
}

/** A part a relationship of type `type` names, checked to exist. */
export function relatedPart(rels: Relationships, type: string): string | undefined {
  return [...rels.values()].find((rel) => rel.type === type && !rel.external)?.target;
}

/** The styles part as a map from style id to what the import needs of each style. */
export function readStyles(styles: Element | undefined): ReadonlyMap<string, Style> {
  const map = new Map<string, Style>();
  for (const style of elements(styles, 'w:style')) {
    const id = attribute(style, 'w:styleId');
    if (!id) continue;
    const pPr = child(style, 'w:pPr');
    const rPr = child(style, 'w:rPr');
    const level = attribute(child(pPr, 'w:outlineLvl'), 'w:val');
    const entry: Style = { name: attribute(child(style, 'w:name'), 'w:val') ?? id };
    const basedOn = attribute(child(style, 'w:basedOn'), 'w:val');
    if (basedOn) entry.basedOn = basedOn;
    if (level !== undefined && Number(level) < 9) entry.outline = Number(level) + 1;
    const bold = toggle(child(rPr, 'w:b'));
    const italic = toggle(child(rPr, 'w:i'));
    const strike = toggle(child(rPr, 'w:strike')) ?? toggle(child(rPr, 'w:dstrike'));
    if (bold !== undefined) entry.bold = bold;
    if (italic !== undefined) entry.italic = italic;
    if (strike !== undefined) entry.strike = strike;
    map.set(id, entry);
  }
  return map;
}

/** The numbering part: which lists are ordered, and where they start. */
export function readNumbering(numbering: Element | undefined): Numbering {
  const abstracts = new Map<string, Map<number, NumberingLevel>>();
  for (const abstract of elements(numbering, 'w:abstractNum'))
    abstracts.set(
      attribute(abstract, 'w:abstractNumId') ?? '',
      levelsOf(elements(abstract, 'w:lvl')),
    );
  const instances = new Map<
    string,
    { abstract: string; starts: Map<number, number>; levels: Map<number, NumberingLevel> }
  >();
  for (const num of elements(numbering, 'w:num')) {
    const starts = new Map<number, number>();
    const overrides = elements(num, 'w:lvlOverride');
    for (const override of overrides) {
      const start = attribute(child(override, 'w:startOverride'), 'w:val');
      if (start !== undefined)
        starts.set(Number(attribute(override, 'w:ilvl') ?? 0), Number(start));
    }
    instances.set(attribute(num, 'w:numId') ?? '', {
      abstract: attribute(child(num, 'w:abstractNumId'), 'w:val') ?? '',
      starts,
      // A level redefined in the instance (LibreOffice writes these) wins over the abstract one.
      levels: levelsOf(overrides.flatMap((override) => elements(override, 'w:lvl'))),
    });
  }
  return { instances, abstracts };
}

function levelsOf(lvls: Element[]): Map<number, NumberingLevel> {
  const levels = new Map<number, NumberingLevel>();
  for (const lvl of lvls) {
    const format = attribute(child(lvl, 'w:numFmt'), 'w:val') ?? 'decimal';
    levels.set(Number(attribute(lvl, 'w:ilvl') ?? 0), {
      ordered: format !== 'bullet' && format !== 'none',
      start: Number(attribute(child(lvl, 'w:start'), 'w:val') ?? 1) || 1,
    });
  }
  return levels;
}

/** docProps/core.xml's fields, trimmed; empty ones left out. */
export function readCoreProperties(core: Element | undefined): CoreProperties {
  const field = (name: string): string | undefined => {
    const value = textOf(child(core, name)).replace(/\s+/gu, ' ').trim();
    return value || undefined;
  };
  const properties: CoreProperties = {};
  const entries: [keyof CoreProperties, string][] = [
    ['title', 'dc:title'],
    ['creator', 'dc:creator'],
    ['language', 'dc:language'],
    ['created', 'dcterms:created'],
    ['modified', 'dcterms:modified'],
    ['keywords', 'cp:keywords'],
    ['description', 'dc:description'],
    ['subject', 'dc:subject'],
  ];
  for (const [key, name] of entries) {
    const value = field(name);
    if (value !== undefined) properties[key] = value;
  }
  return properties;
}
