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
  const result = spawnSync('qpdf', ['--json', '--json-key=qpdf', pdfPath], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`qpdf failed: ${result.stderr}`);
  const [, objects] = (JSON.parse(result.stdout) as { qpdf: [unknown, Record<string, unknown>] })
    .qpdf;
  const byRef = new Map<string, Record<string, unknown>>();
  for (const [key, value] of Object.entries(objects)) {
    const data = (value as { value?: unknown }).value;
    if (key.startsWith('obj:') && typeof data === 'object' && data !== null)
      byRef.set(key.slice(4), data as Record<string, unknown>);
  }
  const lines: string[] = [];
  const kids = (node: Record<string, unknown>): string[] => {
    const k = node['/K'];
    return (Array.isArray(k) ? k : [k]).filter(
      (kid): kid is string => typeof kid === 'string' && kid.endsWith(' R'),
    );
  };
  const walk = (ref: string, depth: number): void => {
    const node = byRef.get(ref);
    if (!node) return;
    const role = node['/S'];
    if (typeof role === 'string')
      lines.push(
        `${'  '.repeat(depth)}${role.slice(1)}${node['/A'] ? ` ${JSON.stringify(node['/A'])}` : ''}`,
      );
    for (const kid of kids(node)) walk(kid, depth + (typeof role === 'string' ? 1 : 0));
  };
  for (const node of byRef.values())
    if (node['/Type'] === '/StructTreeRoot') for (const kid of kids(node)) walk(kid, 0);
  return lines;
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
