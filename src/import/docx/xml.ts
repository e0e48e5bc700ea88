import type { Element, ElementContent, Root } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { DocxError } from './zip.js';

// The prefixes this importer reads, for each namespace, in both the
// transitional (what Word, LibreOffice and pandoc write) and the strict form
// of Office Open XML. Documents may bind any prefix to them: names are
// rewritten to these prefixes when the part is parsed.
const canonical: Readonly<Record<string, string>> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing': 'wp',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://schemas.openxmlformats.org/drawingml/2006/picture': 'pic',
  'http://purl.oclc.org/ooxml/drawingml/picture': 'pic',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
  'http://purl.oclc.org/ooxml/officeDocument/math': 'm',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'urn:schemas-microsoft-com:vml': 'v',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'cp',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
};

/** Parse one XML part, with element and attribute names rewritten to the canonical prefixes. */
export function parsePart(name: string, bytes: Uint8Array): Element {
  const text = new TextDecoder().decode(bytes);
  // Checked before parsing: xast-util-from-xml, and the walks after it, recurse once per level.
  if (nestingDepth(text) > maxXmlDepth)
    throw new DocxError(`${name} nests elements more than ${maxXmlDepth} deep, refused`);
  let root: Root;
  try {
    root = fromXml(text);
  } catch (error) {
    // xast-util-from-xml's message wraps parse-xml's, which says what and where.
    const cause = (error as { cause?: unknown }).cause;
    const reason = (cause instanceof Error ? cause : (error as Error)).message.split('\n')[0];
    throw new DocxError(`${name} is not well-formed XML: ${reason ?? 'unreadable'}`);
  }
  const top = root.children.find((node): node is Element => node.type === 'element');
  if (!top) throw new DocxError(`${name} has no XML element`);
  return canonicalize(top, new Map(), name, 0);
}

/** Elements nested deeper than this are refused: the walks over the tree are recursive. Word nests about 20 deep. */
export const maxXmlDepth = 500;

/** The deepest nesting of elements in XML text, by a linear scan of its tags (comments and CDATA, rare in OOXML, count as tags without nesting). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of text.matchAll(/<(\/?)(?![!?])[^>]*?(\/?)>/gu)) {
    if (match[1]) depth--;
    else if (!match[2]) {
      depth++;
      if (depth > deepest) deepest = depth;
    }
  }
  return deepest;
}

function canonicalize(
  element: Element,
  scope: ReadonlyMap<string, string>,
  part: string,
  depth: number,
): Element {
  if (depth > maxXmlDepth)
    throw new DocxError(`${part} nests elements more than ${maxXmlDepth} deep, refused`);
  let bindings = scope;
  for (const [key, value] of Object.entries(element.attributes)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (bindings === scope) bindings = new Map(scope);
      (bindings as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), value ?? '');
    }
  }
  const rename = (qualified: string, isAttribute: boolean): string => {
    const colon = qualified.indexOf(':');
    if (colon === -1 && isAttribute) return qualified;
    const prefix = colon === -1 ? '' : qualified.slice(0, colon);
    if (prefix === 'xml' || prefix === 'xmlns') return qualified;
    const local = qualified.slice(colon + 1);
    const uri = bindings.get(prefix);
    const known = uri === undefined ? undefined : canonical[uri];
    return known ? `${known}:${local}` : qualified;
  };
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(element.attributes))
    attributes[rename(key, true)] = value ?? '';
  const children: ElementContent[] = element.children.map((child) =>
    child.type === 'element' ? canonicalize(child, bindings, part, depth + 1) : child,
  );
  return { type: 'element', name: rename(element.name, false), attributes, children };
}

/** The element children of an element. */
export function elements(element: Element | undefined, name?: string): Element[] {
  if (!element) return [];
  return element.children.filter(
    (child): child is Element => child.type === 'element' && (!name || child.name === name),
  );
}

/** The first element child with this name. */
export function child(element: Element | undefined, name: string): Element | undefined {
  return element?.children.find(
    (node): node is Element => node.type === 'element' && node.name === name,
  );
}

/** The first descendant with this name, depth first. */
export function descendant(element: Element | undefined, name: string): Element | undefined {
  for (const node of elements(element)) {
    if (node.name === name) return node;
    const found = descendant(node, name);
    if (found) return found;
  }
  return undefined;
}

/** Every descendant with this name, in document order. */
export function descendants(element: Element | undefined, name: string): Element[] {
  const found: Element[] = [];
  for (const node of elements(element)) {
    if (node.name === name) found.push(node);
    found.push(...descendants(node, name));
  }
  return found;
}

/** An attribute's value. */
export function attribute(element: Element | undefined, name: string): string | undefined {
  return element?.attributes[name] ?? undefined;
}

/** The text of an element (its text descendants, joined). */
export function textOf(element: Element | undefined): string {
  if (!element) return '';
  return element.children
    .map((node) =>
      node.type === 'text' ? node.value : node.type === 'element' ? textOf(node) : '',
    )
    .join('');
}

/** A toggle property (`<w:b/>`, `<w:b w:val="0"/>`): on unless its value says off. */
export function toggle(element: Element | undefined): boolean | undefined {
  if (!element) return undefined;
  const value = attribute(element, 'w:val');
  return !(value === '0' || value === 'false' || value === 'off' || value === 'none');
}
