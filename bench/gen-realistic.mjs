#!/usr/bin/env node
// Deterministic generator of articles that look like real writing: the plain prose of
// gen-corpus.mjs plus the constructs real policy articles and blogs use, at realistic
// rates — block quotes with attributions, nested and loose lists, tables of figures,
// figures, fenced and inline code, HTML comments and inline HTML, escapes, entities,
// autolinks and bare `www.` URLs, hard breaks, setext headings, link reference
// definitions, YAML or TOML front matter, dollar amounts next to note calls, and
// footnote calls inside lists, quotes and tables.
// Usage: node gen-realistic.mjs OUTDIR N SEED
// Writes OUTDIR/article-00001.md ... and OUTDIR/expected.json in gen-corpus.mjs's format:
// { "<file>": [ { kind: "undefined"|"unused"|"duplicate", label, line } ] }, defective files
// only; exactly round(N * 0.05) defective files, kinds rotating undefined → unused → duplicate.
// Decoys that are NOT citations and must not be reported: `[^x]` inside code, an escaped
// `\[^x]`, `[^x]` in an HTML comment.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [outDir, nArg, seedArg] = process.argv.slice(2);
if (!outDir || !nArg) {
  console.error('usage: node gen-realistic.mjs OUTDIR N SEED');
  process.exit(2);
}
const N = Number(nArg);
let seed = Number(seedArg ?? 1) >>> 0;

function rnd() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (a, b) => a + Math.floor(rnd() * (b - a + 1));
const pick = (items) => items[Math.floor(rnd() * items.length)];
const chance = (p) => rnd() < p;

const topics = [
  'energy security',
  'migration policy',
  'the Black Sea grain corridor',
  'sanctions enforcement',
  'regional trade agreements',
  'defence procurement',
  'water diplomacy',
  'digital sovereignty',
  'inflation targeting',
  'critical minerals',
  'refugee integration',
  'municipal finance',
];
const actors = [
  'the European Commission',
  'Ankara',
  'Moscow',
  'NATO allies',
  'Türkiye Büyük Millet Meclisi',
  'Государственная дума',
  'the World Bank',
  'Dışişleri Bakanlığı',
  'the IMF',
  'the OSCE',
];
const verbs = [
  'has repeatedly emphasised',
  'continues to underestimate',
  'reframed',
  'quietly expanded',
  'struggled to reconcile',
  'publicly rejected',
  'cautiously endorsed',
  'sought to leverage',
];
const objects = [
  'the long-term costs of dependency',
  'its commitments under the 2021 framework',
  'the trade-offs between growth and resilience',
  'the role of state-owned enterprises',
  'the distributional effects on households',
  'the narrative of “strategic autonomy”',
  'the so-called «особый путь» of the region',
  'the “güvenlik önceliği” doctrine',
];
const authors = ['Ayşe Yılmaz', 'Елена Смирнова', 'Sarah Collins', 'Jonas Becker', 'Zeynep Çelik'];
const publishers = [
  'Chatham House',
  'Коммерсантъ',
  'Reuters',
  'SETA Vakfı',
  'Brookings Institution',
];
const headings = [
  'Background',
  'Key developments',
  'Regional implications',
  'Economic costs',
  'Outlook',
];
const languages = ['en', 'en', 'en', 'tr', 'ru'];

/** An inline decoration of a sentence: the constructs real prose carries. */
function decorate(sentence) {
  const roll = rnd();
  if (roll < 0.06) return `${sentence} (see \`config.yaml\`)`;
  if (roll < 0.11) return `${sentence}, as **officials** *privately* admit`;
  if (roll < 0.15)
    return `${sentence} ([full text](https://example.org/report/${int(1, 999)}?lang=en&page=${int(1, 9)}))`;
  if (roll < 0.18) return `${sentence} at <https://data.example.org/series/${int(100, 999)}>`;
  // A bare URL never ends a sentence here: GFM's autolink literal would swallow a call after it
  // (`www.example.org/a.[^1]` is one link), which real writers do and `unused-source` then reports.
  if (roll < 0.21) return `${sentence} (see www.example.org/briefs/${int(1, 99)} for details)`;
  if (roll < 0.24) return `${sentence} for R&amp;D &mdash; and more`;
  if (roll < 0.27) return `${sentence}, a 3 \\* 4 grid`;
  if (roll < 0.3) return `${sentence} <abbr title="gross domestic product">GDP</abbr>`;
  if (roll < 0.33) return `${sentence} in [the annex][annex]`;
  if (roll < 0.35) return `${sentence} ~~announced~~ committed`;
  return sentence;
}

function sentence() {
  const actor = pick(actors);
  const capital = actor.charAt(0).toUpperCase() + actor.slice(1);
  return decorate(`${capital} ${pick(verbs)} ${pick(objects)} in ${pick(topics)}`);
}

function entryText(index) {
  const day = String(int(1, 28)).padStart(2, '0');
  const month = String(int(1, 12)).padStart(2, '0');
  const url = chance(0.85) ? ` https://example.org/${int(1000, 9999)}/${index}` : '';
  return `${pick(authors)}, “${pick(objects)}”, ${pick(publishers)},${url}, (Date of Accession: ${day}.${month}.2023).`;
}

function makeArticle(number, defect) {
  const lines = [];
  const push = (...more) => lines.push(...more);
  const lang = pick(languages);
  const title = `On ${pick(topics)} ${number}`;
  if (chance(0.2))
    push('+++', `title = "${title}"`, `author = "${pick(authors)}"`, `lang = "${lang}"`, '+++', '');
  else
    push(
      '---',
      `title: "${title}"`,
      `author: ${pick(authors)}`,
      `lang: ${lang}`,
      `date: 2023-0${int(1, 9)}-1${int(0, 9)}`,
      '---',
      '',
    );

  const named = chance(0.3);
  const labelOf = (index) => (named ? `src-${index}` : String(index));
  const noteCount = int(6, 30);
  let next = 1;
  /** A call of the next note, as a placeholder until the lines are final (to find its line). */
  const call = () => {
    if (next > noteCount) return '';
    const label = labelOf(next);
    next += 1;
    return `\u0000${label}\u0000`;
  };
  const paragraph = () => {
    const parts = [];
    for (let index = int(2, 5); index > 0; index -= 1)
      parts.push(`${sentence()}.${chance(0.45) ? call() : ''}`);
    return parts.join(' ');
  };

  if (chance(0.3)) push(title, '='.repeat(title.length), '');
  while (next <= noteCount) {
    const roll = rnd();
    if (roll < 0.4) {
      if (chance(0.12)) push(`${paragraph()}  `, `${paragraph()}`, '');
      else push(paragraph(), '');
    } else if (roll < 0.48) {
      push(`## ${pick(headings)}`, '');
    } else if (roll < 0.53) {
      push(pick(headings), '-'.repeat(12), '');
    } else if (roll < 0.6) {
      push(`> “${sentence()}.”${call()}`, `> — ${pick(authors)}, ${pick(publishers)}`, '');
    } else if (roll < 0.68) {
      push(
        `- ${sentence()}.${call()}`,
        `- ${sentence()}.`,
        `  - ${sentence()}.${call()}`,
        `- ${sentence()}.`,
        '',
      );
    } else if (roll < 0.72) {
      push(`1. ${sentence()}.${call()}`, '', `2. ${sentence()}.`, '', `3. ${sentence()}.`, '');
    } else if (roll < 0.79) {
      push('| Indicator | 2022 | 2023 |', '| :-- | --: | --: |');
      for (let row = int(2, 5); row > 0; row -= 1)
        push(
          `| ${pick(topics)} | ${int(1, 99)}.${int(0, 9)}% | $${int(1, 9)}.${int(0, 9)}bn${call()} |`,
        );
      push('');
    } else if (roll < 0.83) {
      push(`![Chart of ${pick(topics)}](figures/chart-${int(1, 9)}.png "${pick(headings)}")`, '');
    } else if (roll < 0.87) {
      push(
        '```python',
        `rate = ${int(1, 9)}.${int(0, 9)}  # see [^${labelOf(1)}] — not a call`,
        'print(rate)',
        '```',
        '',
      );
    } else if (roll < 0.9) {
      push(`<!-- editor: check [^${labelOf(2)}] before publishing -->`, '');
    } else if (roll < 0.93) {
      push(
        `Budgets rose from $${int(1, 9)}.${int(1, 9)} billion${call()} to $${int(10, 20)} billion${call()} in a year.`,
        '',
      );
    } else if (roll < 0.95) {
      push(`A literal \\[^${labelOf(3)}] is not a note.`, '');
    } else {
      push(`<div class="aside">`, '', `${paragraph()}`, '', '</div>', '');
    }
  }
  push(`[annex]: https://example.org/annex "Annex"`, '');

  const callLines = new Map();
  lines.forEach((line, index) => {
    for (const match of line.matchAll(/\u0000([^\u0000]+)\u0000/g))
      callLines.set(match[1], index + 1);
    lines[index] = line.replace(/\u0000([^\u0000]+)\u0000/g, '[^$1]');
  });
  const expected = [];
  let undefinedLabel;
  if (defect === 'undefined') {
    undefinedLabel = labelOf(int(1, noteCount));
    expected.push({
      kind: 'undefined',
      label: undefinedLabel,
      line: callLines.get(undefinedLabel),
    });
  }
  for (let index = 1; index <= noteCount; index += 1) {
    const label = labelOf(index);
    if (label === undefinedLabel) continue;
    push(`[^${label}]: ${entryText(index)}`, '');
  }
  if (defect === 'unused') {
    const label = named ? 'src-extra' : String(noteCount + 1);
    expected.push({ kind: 'unused', label, line: lines.length + 1 });
    push(`[^${label}]: ${entryText(noteCount + 1)}`, '');
  }
  if (defect === 'duplicate') {
    const label = labelOf(int(1, noteCount));
    expected.push({ kind: 'duplicate', label, line: lines.length + 1 });
    push(`[^${label}]: ${entryText(0)}`, '');
  }
  return { text: lines.join('\n'), expected };
}

mkdirSync(outDir, { recursive: true });
const defective = Math.round(N * 0.05);
const order = Array.from({ length: N }, (_, index) => index);
for (let index = order.length - 1; index > 0; index -= 1) {
  const other = Math.floor(rnd() * (index + 1));
  [order[index], order[other]] = [order[other], order[index]];
}
const kinds = ['undefined', 'unused', 'duplicate'];
const defectOf = new Map(order.slice(0, defective).map((index, rank) => [index, kinds[rank % 3]]));
const truth = {};
for (let index = 0; index < N; index += 1) {
  const name = `article-${String(index + 1).padStart(5, '0')}.md`;
  const { text, expected } = makeArticle(index + 1, defectOf.get(index));
  writeFileSync(join(outDir, name), text);
  if (expected.length > 0) truth[name] = expected;
}
writeFileSync(join(outDir, 'expected.json'), `${JSON.stringify(truth, null, 1)}\n`);
