import type {
  BlockContent,
  FootnoteDefinition,
  Image,
  List,
  ListItem,
  Nodes,
  PhrasingContent,
  Table,
  TableCell,
  TableRow,
} from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Element } from 'xast';
import type { Numbering, Relationships, Style } from './parts.js';
import { attribute, child, descendant, descendants, elements, textOf, toggle } from './xml.js';

/** A caption's own number: `Figure 3: `, `Рис. 2 — `, `4. `. */
const captionNumber = /^(\p{L}+\.?\s+)?\d+(\s*[:.\-–—]\s*|\s+)/u;

/** Something the import could not carry over as it was: said with the node it happened in. */
export interface Loss {
  reason: string;
  severity: 'warning' | 'info';
  /** The block of the article it belongs to (its place is found after stringifying). */
  node: Nodes | undefined;
}

/** A paragraph that becomes front matter rather than body. */
export type MetaKind = 'title' | 'subtitle' | 'author' | 'date' | 'abstract';

/** What the document's parts give the conversion. */
export interface Sources {
  styles: ReadonlyMap<string, Style>;
  numbering: Numbering;
  relationships: Relationships;
  /** Notes by kind and id, with the relationships of their part. */
  notes: Record<NoteKind, { part: string | undefined; byId: ReadonlyMap<string, Element> }>;
  noteRelationships: Record<NoteKind, Relationships>;
  comments: ReadonlyMap<string, { author: string; text: string }>;
}

export type NoteKind = 'footnote' | 'endnote';

/** An image part the article shows, by the name it gets in the figure folder. */
export interface FigureRef {
  part: string;
  /** `figure-1`, without extension (the extension comes from the bytes). */
  name: string;
  nodes: Image[];
}

/** The explicit state of one conversion (no closures over it). */
interface State {
  sources: Sources;
  losses: Loss[];
  /** The block node being converted, which losses point at. */
  block: Nodes | undefined;
  /** Relationships of the part being converted (document, footnotes or endnotes). */
  relationships: Relationships;
  /** Open complex fields (`w:fldChar`), which may span paragraphs. */
  fields: { instruction: string; result: boolean }[];
  notes: Map<string, { label: string; kind: NoteKind; id: string }>;
  noteOrder: { label: string; kind: NoteKind; id: string }[];
  figures: Map<string, FigureRef>;
  /** Text boxes met in the paragraph being converted: they follow it as blocks. */
  textBoxes: Element[];
  commentsSeen: Set<string>;
  /** The text each comment is on, by comment id, gathered between its range marks. */
  commented: Map<string, { text: string; open: boolean }>;
  /** List counters by abstract numbering, per level. */
  counters: Map<string, number[]>;
  numberingSeen: Set<string>;
  /** The table of contents met (it is not imported), and its text, for the note that says so. */
  toc: { loss: Loss; text: string } | undefined;
  /** The table cell being converted: its paragraphs become one line of it. */
  cell: Nodes | undefined;
}

type Mark = 'strong' | 'emphasis' | 'delete';

type Segment =
  | { kind: 'text'; value: string; marks: Mark[]; link?: string; sequence?: boolean }
  | { kind: 'break'; marks: Mark[]; link?: string }
  | { kind: 'node'; node: PhrasingContent; marks: Mark[]; link?: string };

/** One converted body paragraph or table, before lists, quotes and figures are assembled. */
type Item =
  | {
      kind: 'paragraph';
      children: PhrasingContent[];
      style: ParagraphKind;
      node: Nodes;
      /** It starts with a SEQ field's number (a caption's `Figure 1:`). */
      numbered: boolean;
    }
  | { kind: 'heading'; children: PhrasingContent[]; depth: number; node: Nodes }
  | {
      kind: 'item';
      children: PhrasingContent[];
      level: number;
      ordered: boolean;
      number: number;
      node: Nodes;
    }
  | { kind: 'meta'; meta: MetaKind; text: string }
  | { kind: 'block'; node: BlockContent };

type ParagraphKind = 'body' | 'quote' | 'caption';

/** The result of converting the document body. */
export interface Converted {
  blocks: BlockContent[];
  definitions: FootnoteDefinition[];
  meta: Partial<Record<MetaKind, string>>;
  figures: FigureRef[];
  losses: Loss[];
}

/** Convert the body of word/document.xml (and the notes it cites) into mdast. */
export function convertDocument(body: Element, sources: Sources): Converted {
  const state: State = {
    sources,
    losses: [],
    block: undefined,
    relationships: sources.relationships,
    fields: [],
    notes: new Map(),
    noteOrder: [],
    figures: new Map(),
    textBoxes: [],
    commentsSeen: new Set(),
    commented: new Map(),
    counters: new Map(),
    numberingSeen: new Set(),
    toc: undefined,
    cell: undefined,
  };
  const items = convertItems(elements(body), state, true);
  const meta: Partial<Record<MetaKind, string>> = {};
  for (const item of items) {
    if (item.kind !== 'meta') continue;
    const before = meta[item.meta];
    meta[item.meta] = before
      ? `${before}${item.meta === 'author' ? ', ' : ' '}${item.text}`
      : item.text;
  }
  const blocks = assemble(
    items.filter((item) => item.kind !== 'meta'),
    state,
  );
  const definitions: FootnoteDefinition[] = [];
  // Notes are converted after the body, in order of first reference; a note
  // cites no other note in Word, so the order list does not grow meanwhile.
  for (let index = 0; index < state.noteOrder.length; index++) {
    const note = state.noteOrder[index];
    if (note) definitions.push(convertNote(note, state));
  }
  for (const kind of ['footnote', 'endnote'] as const) {
    for (const [id, element] of sources.notes[kind].byId) {
      if (state.notes.has(`${kind}:${id}`)) continue;
      const label = String(state.noteOrder.length + 1);
      const note = { label, kind, id };
      state.notes.set(`${kind}:${id}`, note);
      state.noteOrder.push(note);
      const definition = convertNote(note, state);
      definitions.push(definition);
      state.losses.push({
        reason: `The ${kind} “${excerpt(textOf(element))}” is cited nowhere in the text: kept as the entry [^${label}], which nothing cites`,
        severity: 'warning',
        node: definition,
      });
    }
  }
  return { blocks, definitions, meta, figures: [...state.figures.values()], losses: state.losses };
}

function convertNote(
  note: { label: string; kind: NoteKind; id: string },
  state: State,
): FootnoteDefinition {
  const definition: FootnoteDefinition = {
    type: 'footnoteDefinition',
    identifier: note.label,
    label: note.label,
    children: [],
  };
  const element = state.sources.notes[note.kind].byId.get(note.id);
  if (!element) {
    state.losses.push({
      reason: `The text cites ${note.kind} ${note.id}, which the document does not have: kept as the reference [^${note.label}] with no entry, which the check reports`,
      severity: 'warning',
      node: undefined,
    });
    return definition;
  }
  const saved = state.relationships;
  state.relationships = state.sources.noteRelationships[note.kind];
  state.block = definition;
  const items = convertItems(elements(element), state, false);
  definition.children = assemble(items, state);
  state.relationships = saved;
  return definition;
}

/** Body elements to items (paragraphs, list items, headings, tables), text boxes after their paragraph. */
function convertItems(nodes: Element[], state: State, atTop: boolean): Item[] {
  const items: Item[] = [];
  let seenContent = false;
  for (const node of nodes) {
    switch (node.name) {
      case 'w:p': {
        const item = convertParagraph(node, state, atTop && !seenContent);
        if (item) {
          if (item.kind !== 'meta') seenContent = true;
          items.push(item);
        }
        const boxes = state.textBoxes;
        state.textBoxes = [];
        for (const box of boxes) {
          const inside = convertItems(elements(box), state, false);
          const first = inside.find((entry) => 'node' in entry);
          state.losses.push({
            reason: `A text box (“${excerpt(textOf(box))}”) is not part of the text flow: its text is kept as paragraphs after the paragraph it was anchored to`,
            severity: 'warning',
            node: first && 'node' in first ? first.node : undefined,
          });
          items.push(...inside);
        }
        break;
      }
      case 'w:tbl': {
        seenContent = true;
        items.push({ kind: 'block', node: convertTable(node, state) });
        break;
      }
      case 'w:sdt': {
        if (isTableOfContents(node)) {
          reportToc(state, descendants(node, 'w:p').map(shownText).join(' '));
          break;
        }
        items.push(...convertItems(elements(child(node, 'w:sdtContent')), state, atTop));
        break;
      }
      case 'w:customXml':
      case 'w:ins':
      case 'w:moveTo':
        items.push(...convertItems(elements(node), state, atTop));
        break;
      case 'w:altChunk':
        state.losses.push({
          reason:
            'An embedded document (`w:altChunk`, HTML or RTF pasted as a whole) is not imported: open it in Word and paste its text',
          severity: 'warning',
          node: state.block,
        });
        break;
      default:
        break;
    }
  }
  return items;
}

function isTableOfContents(sdt: Element): boolean {
  const gallery = attribute(descendant(child(sdt, 'w:sdtPr'), 'w:docPartGallery'), 'w:val');
  return gallery !== undefined && /table of contents/iu.test(gallery);
}

function reportToc(state: State, text: string): void {
  if (!state.toc) {
    state.toc = { loss: { reason: '', severity: 'info', node: undefined }, text: '' };
    state.losses.push(state.toc.loss);
  }
  state.toc.text += text;
  state.toc.loss.reason = `A table of contents (“${excerpt(state.toc.text, 300)}”) is not imported: its entries repeat the headings, and the PDF edition has an outline`;
}

/** A paragraph's text as shown: its `w:t`, tabs as spaces (no field instructions). */
function shownText(p: Element): string {
  const parts: string[] = [];
  const walk = (element: Element): void => {
    for (const node of elements(element)) {
      if (node.name === 'w:t') parts.push(textOf(node));
      else if (node.name === 'w:tab') parts.push(' ');
      else if (node.name !== 'w:instrText' && node.name !== 'w:delText') walk(node);
    }
  };
  walk(p);
  return parts.join('');
}

/** Inside a table of contents field (its entries hold fields of their own). */
function inToc(state: State): boolean {
  return state.fields.some((field) => /^\s*TOC\b/u.test(field.instruction));
}

/** The names of a style and the styles it is based on. */
function styleChain(id: string | undefined, styles: ReadonlyMap<string, Style>): Style[] {
  const chain: Style[] = [];
  let current = id;
  while (current && chain.length < 20) {
    const style = styles.get(current);
    if (!style) break;
    chain.push(style);
    current = style.basedOn;
  }
  return chain;
}

const metaStyles: Record<string, MetaKind> = {
  title: 'title',
  subtitle: 'subtitle',
  author: 'author',
  date: 'date',
  abstract: 'abstract',
};
const quoteStyles = new Set(['quote', 'intense quote', 'block text', 'quotations']);
// Word's and pandoc's captions are (based on) Caption; LibreOffice's are named by category.
const captionStyles = new Set(['caption', 'figure', 'illustration', 'drawing', 'table']);

function convertParagraph(p: Element, state: State, mayBeMeta: boolean): Item | undefined {
  const pPr = child(p, 'w:pPr');
  const styleId = attribute(child(pPr, 'w:pStyle'), 'w:val');
  const chain = styleChain(styleId, state.sources.styles);
  const names = chain.map((style) => style.name.toLowerCase());
  const placeholder: Nodes = { type: 'paragraph', children: [] };
  state.block = state.cell ?? placeholder;
  const { children, numbered } = phrasing(p, state);
  if (inToc(state)) reportToc(state, ' ');
  const text = toString({ type: 'paragraph', children });

  const metaName = names[0] ?? '';
  const meta = metaStyles[metaName];
  if (meta && (mayBeMeta || meta === 'title' || meta === 'subtitle')) {
    if (text) return { kind: 'meta', meta, text };
    return undefined;
  }
  const outline =
    numberOr(attribute(child(pPr, 'w:outlineLvl'), 'w:val'), (value) => value + 1) ??
    chain.find((style) => style.outline !== undefined)?.outline ??
    headingLevel(names);
  if (outline !== undefined && outline <= 9) {
    if (children.length === 0) return undefined;
    return { kind: 'heading', children, depth: Math.min(outline, 6), node: placeholder };
  }
  const numPr = child(pPr, 'w:numPr');
  const numId = attribute(child(numPr, 'w:numId'), 'w:val');
  if (numId !== undefined && numId !== '0') {
    const level = Number(attribute(child(numPr, 'w:ilvl'), 'w:val') ?? 0) || 0;
    const counted = count(numId, level, state);
    if (counted) return { kind: 'item', children, level, ...counted, node: placeholder };
  }
  if (children.length === 0) return undefined;
  const kind: ParagraphKind = names.some((name) => quoteStyles.has(name))
    ? 'quote'
    : names.some((name) => captionStyles.has(name))
      ? 'caption'
      : 'body';
  return { kind: 'paragraph', children, style: kind, node: placeholder, numbered };
}

function numberOr(value: string | undefined, map: (value: number) => number): number | undefined {
  if (value === undefined || !/^\d$/u.test(value)) return undefined;
  return map(Number(value));
}

function headingLevel(names: readonly string[]): number | undefined {
  for (const name of names) {
    const match = /^heading\s*(\d)$/u.exec(name);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/**
 * The number Word shows for a list paragraph: counters run per abstract
 * numbering and level, a `startOverride` restarts them where its numbering
 * instance is first used, and a higher level resets the levels below it.
 */
function count(
  numId: string,
  level: number,
  state: State,
): { ordered: boolean; number: number } | undefined {
  const instance = state.sources.numbering.instances.get(numId);
  if (!instance) return undefined;
  const definition =
    instance.levels.get(level) ??
    state.sources.numbering.abstracts.get(instance.abstract)?.get(level);
  const ordered = definition?.ordered ?? false;
  const counters = state.counters.get(instance.abstract) ?? [];
  state.counters.set(instance.abstract, counters);
  const override = instance.starts.get(level);
  const firstUse = !state.numberingSeen.has(`${numId}:${level}`);
  state.numberingSeen.add(`${numId}:${level}`);
  const previous = counters[level];
  const number =
    override !== undefined && firstUse
      ? override
      : previous === undefined
        ? (definition?.start ?? 1)
        : previous + 1;
  counters[level] = number;
  counters.length = level + 1;
  return { ordered, number };
}

/** The inline content of a paragraph, whitespace collapsed as a reader sees it. */
function phrasing(p: Element, state: State): { children: PhrasingContent[]; numbered: boolean } {
  const segments: Segment[] = [];
  collect(elements(p), state, [], undefined, segments);
  const normalized = normalizeSpace(segments);
  const numbered = normalized
    .slice(0, 3)
    .some((segment) => segment.kind === 'text' && segment.sequence === true);
  return { children: linkUrls(build(normalized)), numbered };
}

const bareUrl = /https?:\/\/[^\s<>"”»]+[^\s<>"”».,;:)»]/gu;

/** Bare URLs in text (outside links) as links, as Word shows them: written `<https://…>`, never escaped. */
function linkUrls(nodes: PhrasingContent[]): PhrasingContent[] {
  return nodes.flatMap((node): PhrasingContent[] => {
    if (node.type === 'link') return [node];
    if (node.type !== 'text') {
      if ('children' in node)
        return [{ ...node, children: linkUrls(node.children) } as PhrasingContent];
      return [node];
    }
    const out: PhrasingContent[] = [];
    let at = 0;
    for (const match of node.value.matchAll(bareUrl)) {
      if (match.index > at) out.push({ type: 'text', value: node.value.slice(at, match.index) });
      out.push({ type: 'link', url: match[0], children: [{ type: 'text', value: match[0] }] });
      at = match.index + match[0].length;
    }
    if (at < node.value.length) out.push({ type: 'text', value: node.value.slice(at) });
    return out;
  });
}

function runMarks(run: Element, state: State, inherited: readonly Mark[]): Mark[] {
  const rPr = child(run, 'w:rPr');
  const chain = styleChain(attribute(child(rPr, 'w:rStyle'), 'w:val'), state.sources.styles);
  const pick = (direct: boolean | undefined, key: 'bold' | 'italic' | 'strike'): boolean =>
    direct ?? chain.find((style) => style[key] !== undefined)?.[key] ?? false;
  const marks = new Set(inherited);
  if (pick(toggle(child(rPr, 'w:b')), 'bold')) marks.add('strong');
  if (pick(toggle(child(rPr, 'w:i')), 'italic')) marks.add('emphasis');
  if (pick(toggle(child(rPr, 'w:strike')) ?? toggle(child(rPr, 'w:dstrike')), 'strike'))
    marks.add('delete');
  return [...marks];
}

/** Walk inline content into segments (text with marks and link, breaks, notes, images). */
function collect(
  nodes: Element[],
  state: State,
  marks: Mark[],
  link: string | undefined,
  out: Segment[],
): void {
  for (const node of nodes) {
    switch (node.name) {
      case 'w:r':
        collectRun(node, state, runMarks(node, state, marks), link, out);
        break;
      case 'w:hyperlink': {
        const id = attribute(node, 'r:id');
        const target = id ? state.relationships.get(id) : undefined;
        const anchor = attribute(node, 'w:anchor');
        if (!target && anchor && !anchor.startsWith('_'))
          state.losses.push({
            reason: `A link to the bookmark \`${anchor}\` inside the document is kept as plain text`,
            severity: 'info',
            node: state.block,
          });
        collect(elements(node), state, marks, target?.external ? target.target : link, out);
        break;
      }
      case 'w:ins':
      case 'w:moveTo': {
        const text = textOf(node).trim();
        if (text)
          state.losses.push({
            reason: `A tracked ${node.name === 'w:ins' ? 'insertion' : 'move'}${by(node)} (“${excerpt(text)}”) is kept, as if accepted`,
            severity: 'warning',
            node: state.block,
          });
        collect(elements(node), state, marks, link, out);
        break;
      }
      case 'w:del':
      case 'w:moveFrom': {
        const text = descendants(node, 'w:delText').map(textOf).join('') || textOf(node);
        if (text.trim())
          state.losses.push({
            reason: `A tracked deletion${by(node)} (“${excerpt(text)}”) is dropped, as if accepted`,
            severity: 'warning',
            node: state.block,
          });
        break;
      }
      case 'w:fldSimple': {
        const instruction = attribute(node, 'w:instr') ?? '';
        state.fields.push({ instruction, result: true });
        collect(elements(node), state, marks, fieldLink(instruction) ?? link, out);
        state.fields.pop();
        break;
      }
      case 'w:commentRangeStart':
        state.commented.set(attribute(node, 'w:id') ?? '', { text: '', open: true });
        break;
      case 'w:commentRangeEnd': {
        const range = state.commented.get(attribute(node, 'w:id') ?? '');
        if (range) range.open = false;
        break;
      }
      case 'w:smartTag':
      case 'w:customXml':
      case 'w:dir':
      case 'w:bdo':
        collect(elements(node), state, marks, link, out);
        break;
      case 'w:sdt':
        if (isTableOfContents(node))
          reportToc(state, descendants(node, 'w:p').map(shownText).join(' '));
        else collect(elements(child(node, 'w:sdtContent')), state, marks, link, out);
        break;
      case 'm:oMath':
      case 'm:oMathPara': {
        const text = linearMath(node);
        state.losses.push({
          reason: `An equation is kept as code in a linear form (\`${excerpt(text)}\`): Markdown has no equations`,
          severity: 'warning',
          node: state.block,
        });
        if (text) out.push({ kind: 'node', node: { type: 'inlineCode', value: text }, marks: [] });
        break;
      }
      default:
        break;
    }
  }
}

/** An Office Math equation in a linear form: `d=d_0+m/(ρA)`, `√(x)`, `x^2`. */
function linearMath(node: Element): string {
  const part = (name: string): string => linearMath(child(node, name) ?? emptyElement);
  const group = (text: string): string => ([...text].length > 1 ? `(${text})` : text);
  switch (node.name) {
    case 'm:t':
      return textOf(node);
    case 'm:f':
      return `${group(part('m:num'))}/${group(part('m:den'))}`;
    case 'm:sSub':
      return `${part('m:e')}_${group(part('m:sub'))}`;
    case 'm:sSup':
      return `${part('m:e')}^${group(part('m:sup'))}`;
    case 'm:sSubSup':
      return `${part('m:e')}_${group(part('m:sub'))}^${group(part('m:sup'))}`;
    case 'm:rad':
      return `√(${part('m:e')})`;
    case 'm:d': {
      const pr = child(node, 'm:dPr');
      const open = attribute(child(pr, 'm:begChr'), 'm:val') ?? '(';
      const close = attribute(child(pr, 'm:endChr'), 'm:val') ?? ')';
      return `${open}${elements(node, 'm:e').map(linearMath).join(', ')}${close}`;
    }
    case 'm:nary': {
      const operator = attribute(child(child(node, 'm:naryPr'), 'm:chr'), 'm:val') ?? '∫';
      const sub = part('m:sub');
      const sup = part('m:sup');
      return `${operator}${sub ? `_${group(sub)}` : ''}${sup ? `^${group(sup)}` : ''} ${part('m:e')}`;
    }
    default:
      return elements(node)
        .filter((item) => !item.name.endsWith('Pr'))
        .map(linearMath)
        .join('');
  }
}

const emptyElement: Element = { type: 'element', name: '', attributes: {}, children: [] };

function by(node: Element): string {
  const author = attribute(node, 'w:author');
  return author ? ` by ${author}` : '';
}

function withLink(link: string | undefined): { link?: string } {
  return link === undefined ? {} : { link };
}

function fieldLink(instruction: string): string | undefined {
  const match = /^\s*HYPERLINK\s+"([^"]+)"/u.exec(instruction);
  return match?.[1] && /^(https?|mailto):/iu.test(match[1]) ? match[1] : undefined;
}

function collectRun(
  run: Element,
  state: State,
  marks: Mark[],
  link: string | undefined,
  out: Segment[],
): void {
  const rPr = child(run, 'w:rPr');
  if (toggle(child(rPr, 'w:vanish'))) {
    const text = textOf(child(run, 'w:t'));
    if (text.trim())
      state.losses.push({
        reason: `Hidden text (“${excerpt(text)}”) is dropped: Word does not show or print it`,
        severity: 'warning',
        node: state.block,
      });
    return;
  }
  for (const node of elements(run)) {
    const field = state.fields[state.fields.length - 1];
    if (node.name === 'w:fldChar') {
      const type = attribute(node, 'w:fldCharType');
      if (type === 'begin') state.fields.push({ instruction: '', result: false });
      else if (type === 'separate' && field) field.result = true;
      else if (type === 'end') state.fields.pop();
      continue;
    }
    if (node.name === 'w:instrText') {
      if (field) field.instruction += textOf(node);
      continue;
    }
    if (inToc(state)) {
      if (field?.result) reportToc(state, node.name === 'w:t' ? textOf(node) : ' ');
      continue;
    }
    if (field && !field.result) continue;
    const fieldUrl = field ? fieldLink(field.instruction) : undefined;
    const here = fieldUrl ?? link;
    const sequence = field !== undefined && /^\s*SEQ\b/u.test(field.instruction);
    const text = (value: string): void => {
      for (const range of state.commented.values()) if (range.open) range.text += value;
      out.push({
        kind: 'text',
        value,
        marks,
        ...withLink(here),
        ...(sequence ? { sequence: true } : {}),
      });
    };
    switch (node.name) {
      case 'w:t':
        text(textOf(node));
        break;
      case 'w:tab':
      case 'w:ptab':
        text(' ');
        break;
      case 'w:br':
      case 'w:cr': {
        const type = attribute(node, 'w:type');
        if (type === 'page' || type === 'column') text(' ');
        else out.push({ kind: 'break', marks, ...withLink(here) });
        break;
      }
      case 'w:noBreakHyphen':
        text('\u2011');
        break;
      case 'w:sym':
        state.losses.push({
          reason: `A symbol from the font ${attribute(node, 'w:font') ?? '(unnamed)'} (code ${attribute(node, 'w:char') ?? '?'}) is dropped: it has no Unicode character`,
          severity: 'warning',
          node: state.block,
        });
        break;
      case 'w:footnoteReference':
      case 'w:endnoteReference': {
        const kind: NoteKind = node.name === 'w:footnoteReference' ? 'footnote' : 'endnote';
        const label = noteLabel(kind, attribute(node, 'w:id') ?? '', state);
        out.push({
          kind: 'node',
          node: { type: 'footnoteReference', identifier: label, label },
          marks: [],
        });
        break;
      }
      case 'w:commentReference':
        reportComment(attribute(node, 'w:id') ?? '', state);
        break;
      case 'w:drawing':
        collectDrawing(node, state, marks, here, out);
        break;
      case 'w:pict':
        collectVml(node, state, marks, here, out);
        break;
      case 'w:object':
        state.losses.push({
          reason:
            'An embedded object (an OLE object: a chart, a spreadsheet, an equation of the old editor) is not imported',
          severity: 'warning',
          node: state.block,
        });
        break;
      case 'mc:AlternateContent': {
        // The first choice is what Word shows; the fallback repeats it for older readers.
        const choice = child(node, 'mc:Choice') ?? child(node, 'mc:Fallback');
        collectRun({ ...run, children: choice?.children ?? [] }, state, marks, link, out);
        break;
      }
      default:
        break;
    }
  }
}

function noteLabel(kind: NoteKind, id: string, state: State): string {
  const key = `${kind}:${id}`;
  const known = state.notes.get(key);
  if (known) return known.label;
  const note = { label: String(state.noteOrder.length + 1), kind, id };
  state.notes.set(key, note);
  state.noteOrder.push(note);
  return note.label;
}

function reportComment(id: string, state: State): void {
  if (state.commentsSeen.has(id)) return;
  state.commentsSeen.add(id);
  const comment = state.sources.comments.get(id);
  const on = excerpt(state.commented.get(id)?.text ?? '');
  state.losses.push({
    reason: `A comment${comment?.author ? ` by ${comment.author}` : ''}${on ? ` on “${on}”` : ''} is not imported${comment?.text ? `: “${excerpt(comment.text, 120)}”` : ''}`,
    severity: 'warning',
    node: state.block,
  });
}

function collectDrawing(
  drawing: Element,
  state: State,
  marks: Mark[],
  link: string | undefined,
  out: Segment[],
): void {
  const boxes = descendants(drawing, 'w:txbxContent');
  if (boxes.length > 0) {
    state.textBoxes.push(...boxes);
    return;
  }
  const blip = descendant(drawing, 'a:blip');
  const holder = child(drawing, 'wp:inline') ?? child(drawing, 'wp:anchor');
  const docPr = child(holder, 'wp:docPr');
  const alt = (attribute(docPr, 'descr') ?? '').replace(/\s+/gu, ' ').trim();
  const title = (attribute(docPr, 'title') ?? '').replace(/\s+/gu, ' ').trim();
  const id = attribute(blip, 'r:embed') ?? attribute(blip, 'r:link');
  if (!blip || !id) {
    const uri = attribute(descendant(drawing, 'a:graphicData'), 'uri') ?? '';
    const what = /chart/u.test(uri)
      ? 'A chart'
      : /diagram/u.test(uri)
        ? 'A SmartArt diagram'
        : 'A drawing (shapes)';
    state.losses.push({
      reason: `${what}${alt ? ` (“${excerpt(alt)}”)` : ''} is not imported: only pictures are`,
      severity: 'warning',
      node: state.block,
    });
    return;
  }
  pushImage(id, alt, title, state, marks, link, out);
}

function collectVml(
  pict: Element,
  state: State,
  marks: Mark[],
  link: string | undefined,
  out: Segment[],
): void {
  const boxes = descendants(pict, 'w:txbxContent');
  if (boxes.length > 0) {
    state.textBoxes.push(...boxes);
    return;
  }
  const data = descendant(pict, 'v:imagedata');
  const id = attribute(data, 'r:id');
  if (!id) {
    state.losses.push({
      reason: 'A VML drawing (shapes) is not imported: only pictures are',
      severity: 'warning',
      node: state.block,
    });
    return;
  }
  pushImage(id, attribute(data, 'o:title') ?? '', '', state, marks, link, out);
}

function pushImage(
  id: string,
  alt: string,
  title: string,
  state: State,
  marks: Mark[],
  link: string | undefined,
  out: Segment[],
): void {
  const target = state.relationships.get(id);
  if (!target || target.external) {
    state.losses.push({
      reason: target
        ? `A picture linked to the outside file \`${target.target}\` is not imported: insert it into the document`
        : `A picture whose part (relationship \`${id}\`) is not in the package is not imported`,
      severity: 'warning',
      node: state.block,
    });
    return;
  }
  let figure = state.figures.get(target.target);
  if (!figure) {
    figure = { part: target.target, name: `figure-${state.figures.size + 1}`, nodes: [] };
    state.figures.set(target.target, figure);
  }
  const image: Image = { type: 'image', url: figure.name, alt };
  if (title && title !== alt) image.title = title;
  figure.nodes.push(image);
  // An image takes no emphasis: marks around it are dropped with nothing to lose.
  out.push({ kind: 'node', node: image, marks: [], ...withLink(link) });
}

/** Collapse white space as Word shows it (runs of spaces count once here), trimmed at the ends and around breaks. */
function normalizeSpace(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  let space = true;
  for (const segment of segments) {
    if (segment.kind !== 'text') {
      if (segment.kind === 'break') trimEnd(out);
      out.push(segment);
      space = segment.kind === 'break';
      continue;
    }
    let value = segment.value.replace(/[ \t\n\r]+/gu, ' ');
    if (space) value = value.replace(/^ /u, '');
    if (!value) continue;
    space = value.endsWith(' ');
    out.push({ ...segment, value });
  }
  trimEnd(out);
  while (out[0]?.kind === 'break') out.shift();
  while (out[out.length - 1]?.kind === 'break') out.pop();
  return out;
}

function trimEnd(out: Segment[]): void {
  const last = out[out.length - 1];
  if (last?.kind !== 'text') return;
  const value = last.value.replace(/ $/u, '');
  if (value) out[out.length - 1] = { ...last, value };
  else out.pop();
}

const markOrder: readonly Mark[] = ['strong', 'emphasis', 'delete'];

/** Segments to phrasing nodes: links outermost, then strong, emphasis, delete, spaces kept outside them. */
function build(segments: readonly Segment[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let index = 0;
  while (index < segments.length) {
    const segment = segments[index];
    if (!segment) break;
    if (segment.link !== undefined) {
      let end = index;
      while (end < segments.length && segments[end]?.link === segment.link) end++;
      const inner = segments.slice(index, end).map((item) => withoutLink(item));
      out.push({ type: 'link', url: segment.link, children: build(inner) });
      index = end;
      continue;
    }
    const mark = markOrder.find((candidate) => segment.marks.includes(candidate));
    if (!mark) {
      out.push(leaf(segment));
      index++;
      continue;
    }
    let end = index;
    while (end < segments.length) {
      const next = segments[end];
      if (!next || next.link !== undefined || !next.marks.includes(mark)) break;
      end++;
    }
    const group = segments
      .slice(index, end)
      .map((item) => ({ ...item, marks: item.marks.filter((other) => other !== mark) }));
    const { before, inner, after } = peelSpaces(group);
    if (before) out.push({ type: 'text', value: before });
    if (inner.length > 0) out.push({ type: mark, children: build(inner) } as PhrasingContent);
    if (after) out.push({ type: 'text', value: after });
    index = end;
  }
  return mergeText(out);
}

function withoutLink(segment: Segment): Segment {
  const { link: _link, ...rest } = segment;
  return rest;
}

function leaf(segment: Segment): PhrasingContent {
  if (segment.kind === 'text') return { type: 'text', value: segment.value };
  if (segment.kind === 'break') return { type: 'break' };
  return segment.node;
}

/** Leading and trailing spaces of a marked group, moved outside it (`**a **b` cannot be written). */
function peelSpaces(group: Segment[]): { before: string; inner: Segment[]; after: string } {
  const inner = [...group];
  let before = '';
  let after = '';
  const first = inner[0];
  if (first?.kind === 'text' && first.value.startsWith(' ')) {
    before = ' ';
    inner[0] = { ...first, value: first.value.slice(1) };
  }
  const last = inner[inner.length - 1];
  if (last?.kind === 'text' && last.value.endsWith(' ')) {
    after = ' ';
    inner[inner.length - 1] = { ...last, value: last.value.slice(0, -1) };
  }
  return {
    before,
    inner: inner.filter((item) => item.kind !== 'text' || item.value !== ''),
    after,
  };
}

function mergeText(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text') last.value += node.value;
    else out.push(node);
  }
  return out;
}

/** Items to blocks: list items into (nested) lists, quote paragraphs into block quotes, figures with their captions. */
function assemble(items: Item[], state: State): BlockContent[] {
  const blocks: BlockContent[] = [];
  const stack: { list: List; level: number }[] = [];
  let quote: { type: 'blockquote'; children: BlockContent[] } | undefined;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (!item || item.kind === 'meta') continue;
    if (item.kind !== 'item') stack.length = 0;
    if (!(item.kind === 'paragraph' && item.style === 'quote')) quote = undefined;
    switch (item.kind) {
      case 'item': {
        placeItem(item, stack, blocks);
        break;
      }
      case 'heading': {
        const heading = Object.assign(item.node, {
          type: 'heading' as const,
          depth: item.depth as 1 | 2 | 3 | 4 | 5 | 6,
          children: item.children,
        });
        blocks.push(heading);
        break;
      }
      case 'paragraph': {
        const paragraph = Object.assign(item.node, {
          type: 'paragraph' as const,
          children: item.children,
        });
        if (item.style === 'quote') {
          if (!quote) {
            quote = { type: 'blockquote', children: [] };
            blocks.push(quote);
          }
          quote.children.push(paragraph);
          break;
        }
        const image = soleImage(item.children);
        if (image) {
          const next = items[index + 1];
          const previous = items[index - 1];
          const caption =
            next?.kind === 'paragraph' && next.style === 'caption'
              ? next
              : previous?.kind === 'paragraph' &&
                  previous.style === 'caption' &&
                  blocks[blocks.length - 1] === previous.node
                ? previous
                : undefined;
          if (caption) {
            attachCaption(image, caption, state, paragraph);
            if (caption === next) index++;
            else blocks.pop();
          }
        }
        blocks.push(paragraph);
        break;
      }
      case 'block':
        blocks.push(item.node);
        break;
    }
  }
  return blocks;
}

function soleImage(children: PhrasingContent[]): Image | undefined {
  const [only] = children;
  if (children.length !== 1 || !only) return undefined;
  if (only.type === 'image') return only;
  if (only.type === 'link' && only.children.length === 1 && only.children[0]?.type === 'image')
    return only.children[0];
  return undefined;
}

/**
 * A caption becomes the figure's alt text (the editions set it as the
 * caption). Its number (`Figure 1:`, a SEQ field with its label) is dropped,
 * and said: the editions number figures themselves. Word's own alt text, when
 * it says something else, is kept as the image's title.
 */
function attachCaption(
  image: Image,
  caption: { children: PhrasingContent[]; numbered: boolean },
  state: State,
  node: Nodes,
): void {
  const text = toString({ type: 'paragraph', children: caption.children });
  const number = caption.numbered ? captionNumber.exec(text)?.[0] : undefined;
  const stripped = number ? text.slice(number.length) : text;
  if (number)
    state.losses.push({
      reason: `The caption number “${number.trim()}” is dropped: the editions number figures themselves`,
      severity: 'info',
      node,
    });
  if (image.alt && image.alt !== stripped && !image.title) image.title = image.alt;
  image.alt = stripped;
}

/** A list item into the open lists: deeper levels nest in the last item, a change of kind starts a new list. */
function placeItem(
  item: Extract<Item, { kind: 'item' }>,
  stack: { list: List; level: number }[],
  blocks: BlockContent[],
): void {
  while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) > item.level) stack.pop();
  const top = stack[stack.length - 1];
  const paragraph = Object.assign(item.node, {
    type: 'paragraph' as const,
    children: item.children,
  });
  const listItem: ListItem = { type: 'listItem', spread: false, children: [paragraph] };
  if (top && top.level === item.level && top.list.ordered === item.ordered) {
    top.list.children.push(listItem);
    return;
  }
  if (top && top.level === item.level) stack.pop();
  const list: List = {
    type: 'list',
    ordered: item.ordered,
    spread: false,
    children: [listItem],
    ...(item.ordered ? { start: item.number } : {}),
  };
  const parent = stack[stack.length - 1];
  const holder = parent?.list.children[parent.list.children.length - 1];
  if (holder) holder.children.push(list);
  else blocks.push(list);
  stack.push({ list, level: item.level });
}

/** A Word table as a GFM table: the first row is the header; merged cells are split and said. */
function convertTable(tbl: Element, state: State): Table {
  const table: Table = { type: 'table', align: [], children: [] };
  const saved = state.block;
  state.block = table;
  const rows = elements(tbl, 'w:tr');
  const alignments: (string | undefined)[][] = [];
  let joined = false;
  for (const tr of rows) {
    const row: TableRow = { type: 'tableRow', children: [] };
    const aligns: (string | undefined)[] = [];
    const before = Number(attribute(child(child(tr, 'w:trPr'), 'w:gridBefore'), 'w:val') ?? 0);
    for (let pad = 0; pad < before; pad++) {
      row.children.push({ type: 'tableCell', children: [] });
      aligns.push(undefined);
    }
    for (const tc of cellsOf(tr)) {
      const tcPr = child(tc, 'w:tcPr');
      const span = Number(attribute(child(tcPr, 'w:gridSpan'), 'w:val') ?? 1) || 1;
      const vMerge = child(tcPr, 'w:vMerge');
      const continued = vMerge !== undefined && attribute(vMerge, 'w:val') !== 'restart';
      const cell: TableCell = { type: 'tableCell', children: [] };
      state.block = cell;
      const content = cellContent(tc, state);
      if (content.joined) joined = true;
      cell.children = continued ? [] : content.children;
      row.children.push(cell);
      aligns.push(content.align);
      if (continued)
        state.losses.push({
          reason:
            'A cell merged with the one above it is split: GFM tables cannot merge cells, so the text stays in the top cell and this one is empty',
          severity: 'warning',
          node: cell,
        });
      if (span > 1) {
        state.losses.push({
          reason: `A cell merged across ${span} columns (“${excerpt(toString(cell))}”) is split: GFM tables cannot merge cells, so the text stays in the first and the others are empty`,
          severity: 'warning',
          node: cell,
        });
        for (let pad = 1; pad < span; pad++) {
          row.children.push({ type: 'tableCell', children: [] });
          aligns.push(undefined);
        }
      }
    }
    table.children.push(row);
    alignments.push(aligns);
  }
  const width = Math.max(0, ...table.children.map((row) => row.children.length));
  for (const row of table.children)
    while (row.children.length < width) row.children.push({ type: 'tableCell', children: [] });
  const sample = alignments[1] ?? alignments[0] ?? [];
  table.align = Array.from({ length: width }, (_, column) => gfmAlign(sample[column]));
  if (joined)
    state.losses.push({
      reason:
        'A table cell has several paragraphs or a list: GFM cells hold one line, so they are joined with spaces',
      severity: 'info',
      node: table,
    });
  state.block = saved;
  return table;
}

function cellsOf(tr: Element): Element[] {
  const cells: Element[] = [];
  for (const node of elements(tr)) {
    if (node.name === 'w:tc') cells.push(node);
    else if (node.name === 'w:sdt' || node.name === 'w:customXml')
      cells.push(...cellsOf(child(node, 'w:sdtContent') ?? node));
  }
  return cells;
}

function gfmAlign(jc: string | undefined): 'left' | 'right' | 'center' | null {
  if (jc === 'right' || jc === 'end') return 'right';
  if (jc === 'center') return 'center';
  return null;
}

/** A cell's paragraphs as one line of phrasing, and the alignment of its first paragraph. */
function cellContent(
  tc: Element,
  state: State,
): { children: PhrasingContent[]; align: string | undefined; joined: boolean } {
  const savedCell = state.cell;
  state.cell = state.block;
  const items = convertItems(elements(tc), state, false);
  state.cell = savedCell;
  const parts: PhrasingContent[][] = [];
  for (const item of items) {
    if (item.kind === 'paragraph' || item.kind === 'heading' || item.kind === 'item')
      parts.push(item.children);
    else if (item.kind === 'block') {
      state.losses.push({
        reason: 'A table inside a table cell is flattened to its text',
        severity: 'warning',
        node: state.block,
      });
      parts.push([{ type: 'text', value: toString(item.node) }]);
    } else if (item.kind === 'meta') parts.push([{ type: 'text', value: item.text }]);
  }
  const children: PhrasingContent[] = [];
  for (const part of parts.filter((entry) => entry.length > 0)) {
    if (children.length > 0) children.push({ type: 'text', value: ' ' });
    children.push(...part);
  }
  const firstP = child(tc, 'w:p');
  return {
    children: mergeText(children.map((node) => (node.type === 'break' ? space() : node))),
    align: attribute(child(child(firstP, 'w:pPr'), 'w:jc'), 'w:val'),
    joined:
      parts.filter((entry) => entry.length > 0).length > 1 || items.some((i) => i.kind === 'item'),
  };
}

function space(): PhrasingContent {
  return { type: 'text', value: ' ' };
}

/** The first words of a text, for a message. */
export function excerpt(text: string, length = 60): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
