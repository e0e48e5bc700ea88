import { spawnSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfFacts {
  pages: number;
  /** Text of each page, items joined with spaces where pdf.js sees a gap. */
  text: string[];
  info: Record<string, unknown>;
  outline: string[];
  /** Link annotations, and the page they are on. */
  links: Array<{ page: number; url?: string; dest?: string }>;
  destinations: Record<string, unknown>;
}

/** Read a PDF with pdf.js: page texts, metadata, outline and link annotations. */
export async function readPdf(bytes: Uint8Array): Promise<PdfFacts> {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const text: string[] = [];
  const links: PdfFacts['links'] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    let pageText = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      pageText += item.str + (item.hasEOL ? '\n' : '');
    }
    text.push(pageText);
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype !== 'Link') continue;
      links.push({
        page: number,
        ...(annotation.url ? { url: annotation.url as string } : {}),
        ...(typeof annotation.dest === 'string' ? { dest: annotation.dest } : {}),
      });
    }
  }
  const metadata = await document.getMetadata();
  const outline: string[] = [];
  const flatten = (items: Array<{ title: string; items: unknown[] }>): void => {
    for (const item of items) {
      outline.push(item.title);
      flatten(item.items as typeof items);
    }
  };
  flatten((await document.getOutline()) ?? []);
  const destinations = (await document.getDestinations()) as Record<string, unknown>;
  await document.destroy();
  return {
    pages: document.numPages,
    text,
    info: metadata.info as Record<string, unknown>,
    outline,
    links,
    destinations,
  };
}

/** The decompressed content streams of a PDF (pdfkit writes Flate streams), as latin1 text. */
export function contentStreams(bytes: Buffer): string {
  const raw = bytes.toString('latin1');
  const streams: string[] = [];
  for (const match of raw.matchAll(/\/Filter \/FlateDecode[^]*?>>\s*stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      streams.push(inflateSync(bytes.subarray(start, end)).toString('latin1'));
    } catch {
      // Not a content stream (fonts are compressed differently at times): skip it.
    }
  }
  return streams.join('\n');
}

/** The structure tree of each page as pdf.js reads it: roles, with their language and alternative text when set. */
export async function structureRoles(
  bytes: Uint8Array,
): Promise<Array<{ role: string; lang?: string; alt?: string }>> {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const roles: Array<{ role: string; lang?: string; alt?: string }> = [];
  const walk = (node: {
    role?: string;
    lang?: string;
    alt?: string;
    children?: unknown[];
  }): void => {
    if (node.role)
      roles.push({
        role: node.role,
        ...(node.lang ? { lang: node.lang } : {}),
        ...(node.alt ? { alt: node.alt } : {}),
      });
    for (const child of node.children ?? [])
      if (typeof child === 'object' && child !== null) walk(child as typeof node);
  };
  for (let number = 1; number <= document.numPages; number++) {
    const tree = await (await document.getPage(number)).getStructTree();
    if (tree) walk(tree as typeof tree & { role?: string });
  }
  await document.destroy();
  return roles;
}

/** For each named destination, the 1-based page it is on. */
export async function destinationPages(bytes: Uint8Array): Promise<Record<string, number>> {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const pages: Record<string, number> = {};
  for (const [name, destination] of Object.entries(
    (await document.getDestinations()) as Record<string, unknown[]>,
  )) {
    const reference = destination[0] as { num: number; gen: number };
    pages[name] = (await document.getPageIndex(reference)) + 1;
  }
  await document.destroy();
  return pages;
}

/** A run of text as pdf.js places it: its string, left and right edges, baseline and font size (PDF points, y up). */
export interface PlacedText {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

/** A line of text: the runs on one baseline of one size, left to right. */
export interface PlacedLine {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  runs: PlacedText[];
}

/** The lines of text of each page, top to bottom, with their positions (from pdf.js). */
export async function textLines(bytes: Uint8Array): Promise<PlacedLine[][]> {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const pages: PlacedLine[][] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    const lines = new Map<string, PlacedText[]>();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [scaleX, , , scaleY, x, y] = item.transform as number[];
      const run = {
        text: item.str,
        x: x ?? 0,
        right: (x ?? 0) + item.width,
        y: y ?? 0,
        size: Math.abs(scaleY ?? scaleX ?? 0),
      };
      const key = `${run.y.toFixed(1)}/${run.size.toFixed(1)}`;
      lines.set(key, [...(lines.get(key) ?? []), run]);
    }
    pages.push(
      [...lines.values()]
        .map((runs) => {
          const sorted = runs.sort((a, b) => a.x - b.x);
          const first = sorted[0] as PlacedText;
          return {
            text: sorted
              .map((run, index) => {
                const before = sorted[index - 1];
                return before && run.x - before.right > 0.5 ? ` ${run.text}` : run.text;
              })
              .join('')
              .replace(/\s+/g, ' ')
              .trim(),
            x: first.x,
            right: Math.max(...sorted.map((run) => run.right - trailingSpace(run))),
            y: first.y,
            size: first.size,
            runs: sorted,
          };
        })
        .sort((a, b) => b.y - a.y),
    );
  }
  await document.destroy();
  return pages;
}

/** The width of a run's trailing space, estimated from its average character width (a space ends most words). */
function trailingSpace(run: PlacedText): number {
  return run.text.endsWith(' ') ? (run.right - run.x) / run.text.length : 0;
}

/**
 * The structure tree as qpdf reads it, one line per element indented by depth:
 * its role, then its attributes (`/A`) as JSON when it has some.
 */
export function structureOutline(pdfPath: string): string[] {
  return structureOutlineOf(qpdfObjects(pdfPath));
}

/** Every indirect object's dictionary or array as qpdf's JSON gives it, by reference (`12 0`), and the trailer. */
export interface QpdfObjects {
  byRef: Map<string, unknown>;
  trailer: Record<string, unknown>;
}

/** The objects of a PDF, read by `qpdf --json` (dictionaries, arrays and a stream's dictionary). */
export function qpdfObjects(pdfPath: string): QpdfObjects {
  const result = spawnSync('qpdf', ['--json', '--json-key=qpdf', pdfPath], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`qpdf failed: ${result.stderr}`);
  const [, objects] = (JSON.parse(result.stdout) as { qpdf: [unknown, Record<string, unknown>] })
    .qpdf;
  const byRef = new Map<string, unknown>();
  for (const [key, value] of Object.entries(objects)) {
    const { value: data, stream } = value as { value?: unknown; stream?: { dict?: unknown } };
    if (key.startsWith('obj:')) byRef.set(key.slice(4, -2), data ?? stream?.dict);
  }
  const trailer = (objects['trailer'] as { value?: Record<string, unknown> } | undefined)?.value;
  return { byRef, trailer: trailer ?? {} };
}

/** The structure tree of `objects` (see `structureOutline`). */
export function structureOutlineOf({ byRef }: QpdfObjects): string[] {
  const dictionary = (ref: string): Record<string, unknown> | undefined => {
    const node = byRef.get(ref.replace(/ R$/u, ''));
    return typeof node === 'object' && node !== null && !Array.isArray(node)
      ? (node as Record<string, unknown>)
      : undefined;
  };
  const lines: string[] = [];
  const kids = (node: Record<string, unknown>): string[] => {
    const k = node['/K'];
    return (Array.isArray(k) ? k : [k]).filter(
      (kid): kid is string => typeof kid === 'string' && kid.endsWith(' R'),
    );
  };
  const walk = (ref: string, depth: number): void => {
    const node = dictionary(ref);
    if (!node) return;
    const role = node['/S'];
    if (typeof role === 'string')
      lines.push(
        `${'  '.repeat(depth)}${role.slice(1)}${node['/A'] ? ` ${JSON.stringify(node['/A'])}` : ''}`,
      );
    for (const kid of kids(node)) walk(kid, depth + (typeof role === 'string' ? 1 : 0));
  };
  for (const [ref] of byRef) {
    const node = dictionary(ref);
    if (node?.['/Type'] === '/StructTreeRoot') for (const kid of kids(node)) walk(kid, 0);
  }
  return lines;
}

/**
 * Each page's annotations and the named destinations, as the PDF holds them: every
 * reference followed (one to a page written as its number), so two PDFs whose objects are
 * numbered differently compare equal when a reader would find the same links.
 */
export function linksOf(objects: QpdfObjects): { pages: unknown[]; destinations: unknown } {
  const { byRef, trailer } = objects;
  const get = (value: unknown): unknown =>
    typeof value === 'string' && / R$/u.test(value) ? byRef.get(value.slice(0, -2)) : value;
  const pageRefs: string[] = [];
  const collectPages = (ref: unknown): void => {
    const node = get(ref) as Record<string, unknown> | undefined;
    if (node?.['/Type'] === '/Page') pageRefs.push(String(ref));
    for (const kid of (node?.['/Kids'] as unknown[] | undefined) ?? []) collectPages(kid);
  };
  const catalog = get(trailer['/Root']) as Record<string, unknown>;
  collectPages(catalog['/Pages']);
  const resolve = (value: unknown, seen: Set<string>): unknown => {
    if (typeof value === 'string' && / R$/u.test(value)) {
      const page = pageRefs.indexOf(value);
      if (page !== -1) return `page ${page + 1}`;
      if (seen.has(value)) return 'cycle';
      return resolve(get(value), new Set([...seen, value]));
    }
    if (Array.isArray(value)) return value.map((item) => resolve(item, seen));
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          key === '/Parent' ? 'parent' : resolve(item, seen),
        ]),
      );
    return value;
  };
  const pages = pageRefs.map((ref) =>
    resolve((get(ref) as Record<string, unknown>)['/Annots'] ?? [], new Set()),
  );
  return { pages, destinations: resolve(catalog['/Names'] ?? catalog['/Dests'] ?? {}, new Set()) };
}

/** The text inside each marked-content sequence of structure type `tag` (one with an MCID), in page order. */
export async function markedTexts(bytes: Uint8Array, tag: string): Promise<string[]> {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const texts: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (
      await document.getPage(number)
    ).getTextContent({ includeMarkedContent: true });
    // While inside a sequence of `tag`: the text so far, and how deep in it the nesting is.
    let current: string | undefined;
    let depth = 0;
    for (const item of content.items) {
      if ('str' in item) {
        if (current !== undefined) current += item.str;
        continue;
      }
      const mark = item as { type: string; tag?: string; id?: string };
      if (mark.type === 'beginMarkedContentProps' || mark.type === 'beginMarkedContent') {
        if (current !== undefined) depth++;
        else if (mark.tag === tag && mark.id) [current, depth] = ['', 1];
      } else if (mark.type === 'endMarkedContent' && current !== undefined && --depth === 0) {
        texts.push(current.trim());
        current = undefined;
      }
    }
  }
  await document.destroy();
  return texts;
}
