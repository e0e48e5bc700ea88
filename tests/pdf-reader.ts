import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfFacts {
  pages: number;
  /** Text of each page, items joined with spaces where pdf.js sees a gap. */
  text: string[];
  info: Record<string, unknown>;
  outline: string[];
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
  const outline = ((await document.getOutline()) ?? []).map((item) => item.title);
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
