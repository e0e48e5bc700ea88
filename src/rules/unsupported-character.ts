import type { Nodes } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { type Setting, canShow, canShowAll } from '../fonts/index.js';
import { frontMatterNode, parseFrontMatter } from '../parse/front-matter.js';
import { indexTree } from '../model/tree-index.js';
import { silencer } from './silences.js';
import { defineRule } from './rule.js';

/**
 * The characters named one by one in an article; the rest are counted in one message
 * at the first of them. An article in a script the fonts lack (a page of Arabic or
 * Chinese) would otherwise get a message per character: 600,000 for 1 MB, a report of
 * hundreds of megabytes, and a text report too long for the reporter to lay out.
 */
export const namedCharacters = 200;

/** Text every font shows: nothing to look up. */
const plain = /^[\x20-\x7e\t\n\r]*$/u;

/** A character no embedded PDF font can show. */
export const unsupportedCharacter = defineRule(
  {
    id: 'unsupported-character',
    severity: 'error',
    description: 'A character no embedded PDF font can show.',
    help: 'The PDF embeds Noto Serif for prose and Noto Sans Mono for code: Latin (with Turkish), Greek, Cyrillic and common punctuation. A character outside them (an emoji, Arabic, Chinese, a check mark) would print as an empty box and be missing from the text layer, so the article is not published until the character is replaced (by words, or a character the fonts have). Symbols the serif lacks but the monospace face has (`≤`, `≠`, arrows, box drawing) are set in the monospace face, in prose too. Each character is named with its code point and position, up to 200 in an article; one more message counts the rest, at the first of them.',
    examples: [
      {
        title: 'Latin, Turkish, Greek and Cyrillic',
        markdown: 'Askeroğlu wrote «Токаев» and α + β in `x ≤ y`.\n',
        expected: [],
      },
      {
        title: 'An emoji and a check mark',
        markdown: 'Agreed ✓ and signed 🎉.\n',
        expected: [
          '1:8-1:9: Unexpected character `✓` (U+2713) that no embedded PDF font can show, expected a character of the fonts (Latin, Greek, Cyrillic) or words instead',
          '1:21-1:23: Unexpected character `🎉` (U+1F389) that no embedded PDF font can show, expected a character of the fonts (Latin, Greek, Cyrillic) or words instead',
        ],
      },
    ],
  },
  (tree, file) => {
    const { report, finish } = reporter(file, silencer(tree));
    for (const node of indexTree(tree).shown) {
      const shown = shownText(node);
      if (shown && !plain.test(shown.text) && !canShowAll(shown.text, shown.setting))
        report(shown.text, shown.setting, node);
    }
    const front = frontMatterNode(tree);
    if (front && !plain.test(front.value)) {
      // Read as what it is: TOML read as YAML has no fields (and took a YAML parse).
      const meta = parseFrontMatter(front.value, { format: front.type }).meta;
      const fields = [meta?.title, meta?.subtitle, meta?.author, meta?.bio?.text];
      for (const text of fields) {
        if (text && !canShowAll(text, 'prose')) report(text, 'prose', front);
      }
    }
    finish();
  },
);

/** The text a node puts on the page, and in which face; `undefined` for a node that shows none itself. */
function shownText(node: Nodes): { text: string; setting: Setting } | undefined {
  switch (node.type) {
    case 'text':
      return { text: node.value, setting: 'prose' };
    case 'inlineCode':
    case 'code':
      return { text: node.value, setting: 'code' };
    case 'html':
      // Comments are not shown; other raw HTML is shown as written, in the monospace face.
      return node.value.trimStart().startsWith('<!--')
        ? undefined
        : { text: node.value, setting: 'code' };
    case 'image':
    case 'imageReference':
      return node.alt ? { text: node.alt, setting: 'prose' } : undefined;
    default:
      return undefined;
  }
}

/** The place of a character in the source, and its name. */
interface Found {
  char: string;
  name: string;
  place: { start: Point; end: Point } | undefined;
}

/**
 * Reports each character of a text that the fonts cannot show, at its place in the
 * source, up to `namedCharacters`; `finish` counts the rest in one message. Characters
 * where comments switch the rule off are passed over here, not dropped after: else the
 * first 200 could all be silenced, and with them the one message that counts the rest.
 */
function reporter(
  file: VFile,
  silenced: (offset: number, ruleId: string) => boolean,
): {
  report: (text: string, setting: Setting, node: Nodes) => void;
  finish: () => void;
} {
  const source = String(file);
  const place = location(file);
  let named = 0;
  let more = 0;
  let firstMore: Found | undefined;
  /** Where `char` is in the node's source from `from` (a text value may differ from it by escapes), or -1. */
  const offsetOf = (char: string, node: Nodes, from: number): number => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    const at = start === undefined ? -1 : source.indexOf(char, from);
    return at !== -1 && (end === undefined || at < end) ? at : -1;
  };
  const describe = (char: string, node: Nodes, at: number): Found => {
    const point = at !== -1 ? place.toPoint(at) : node.position?.start;
    const after = at !== -1 ? place.toPoint(at + char.length) : node.position?.end;
    const codePoint = char.codePointAt(0) ?? 0;
    const name = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
    const where = point && after ? { start: point, end: after } : undefined;
    return { char, name, place: where };
  };
  const report = (text: string, setting: Setting, node: Nodes): void => {
    let from = node.position?.start.offset ?? 0;
    for (const char of text) {
      if (canShow(char.codePointAt(0) ?? 0, setting)) continue;
      const at = offsetOf(char, node, from);
      if (at !== -1) from = at + char.length;
      const messageAt = at !== -1 ? at : (node.position?.start.offset ?? -1);
      if (messageAt !== -1 && silenced(messageAt, 'unsupported-character')) continue;
      if (named === namedCharacters) {
        if (more === 0) firstMore = describe(char, node, at);
        more++;
        continue;
      }
      const found = describe(char, node, at);
      named++;
      file.message(
        `Unexpected character \`${found.char}\` (${found.name}) that no embedded PDF font can show, expected a character of the fonts (Latin, Greek, Cyrillic) or words instead`,
        found.place ? { place: found.place } : {},
      );
    }
  };
  const finish = (): void => {
    if (!firstMore) return;
    file.message(
      `Unexpected ${more} more characters that no embedded PDF font can show, from \`${firstMore.char}\` (${firstMore.name}) on (only the first ${namedCharacters} are named), expected characters of the fonts (Latin, Greek, Cyrillic) or words instead`,
      firstMore.place ? { place: firstMore.place } : {},
    );
  };
  return { report, finish };
}
