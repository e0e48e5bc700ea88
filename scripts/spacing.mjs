#!/usr/bin/env node
/**
 * Spacing of a PDF's justified lines, measured from its own glyph boxes
 * (`pdftotext -bbox-layout`, poppler-utils), whatever made the PDF.
 *
 *   node scripts/spacing.mjs FILE.pdf… [--json] [--worst] [--protrusion PT]
 *
 * For each justified line (a line of the body's size that reaches the text
 * block's right edge and is not the last of its block), the mean space
 * between its words as a ratio to the natural word space: the median space of
 * the lines that end short of the right edge (the paragraphs' last lines, and
 * ragged lines) of the same size. Prints, per file: the number of justified
 * lines, the median, 95th percentile and maximum ratio, lines ending with a
 * hyphen and the most in a row, pages whose last body line ends with a
 * hyphen, and words past the text block. The text block's left edge is the
 * one most lines start at; its right edge as far from the page's right edge
 * (symmetric margins). Table rows read as one line with the gaps between
 * cells as spaces: measure prose, not tables.
 * `--worst` lists the lines above 1.5 and the words past the block on stderr.
 * `--protrusion PT` allows lines to end up to PT either side of that edge
 * (margin kerning: pandoc's LaTeX template loads microtype, whose hyphens
 * and punctuation hang into the margin).
 */
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const json = args.includes('--json');
const worst = args.includes('--worst');
const protrusionAt = args.indexOf('--protrusion');
const protrusion = protrusionAt >= 0 ? Number(args[protrusionAt + 1]) : 0;
const files = args.filter(
  (arg, index) => !arg.startsWith('--') && (protrusionAt < 0 || index !== protrusionAt + 1),
);
if (files.length === 0) {
  process.stderr.write('usage: node scripts/spacing.mjs FILE.pdf… [--json]\n');
  process.exit(2);
}

const results = files.map((file) => ({ file, ...measure(file) }));
if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
else {
  process.stdout.write(
    '| file | justified lines | median | p95 | max | hyphens | most in a row | hyphen at a page foot | words past the block |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n',
  );
  for (const r of results) {
    process.stdout.write(
      `| ${r.file} | ${r.lines} | ${r.median.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.max.toFixed(2)} | ${r.hyphens} | ${r.hyphensInRow} | ${r.hyphenAtFoot} | ${r.pastBlock} |\n`,
    );
  }
}

/** Spacing figures of one PDF. */
export function measure(file) {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const pages = parse(xml);
  const allLines = pages.flatMap((page) => page.blocks.flat());
  const size = (line) => Math.round(line.height * 2) / 2;
  const bodySize = mode(allLines.map((line) => size(line)));
  const left = mode(allLines.map((line) => round(line.xMin)));
  // Margins are symmetric (citeproof's A4, and pandoc's geometry as the benchmark sets it).
  const right = pages[0] ? pages[0].width - left : 0;
  const reaches = (line) => line.xMax >= right - 0.5 - protrusion;

  const natural = new Map();
  for (const page of pages)
    for (const block of page.blocks)
      block.forEach((line, index) => {
        const gaps = line.gaps;
        if (gaps.length === 0) return;
        if (reaches(line) && index < block.length - 1) return;
        const key = size(line);
        natural.set(key, [...(natural.get(key) ?? []), ...gaps]);
      });
  const naturalOf = (line) => median(natural.get(size(line)) ?? natural.get(bodySize) ?? [1]);

  const ratios = [];
  for (const page of pages)
    for (const block of page.blocks)
      block.forEach((line, index) => {
        if (size(line) !== bodySize || !reaches(line) || index === block.length - 1) return;
        if (line.gaps.length === 0) return;
        const mean = line.gaps.reduce((sum, gap) => sum + gap, 0) / line.gaps.length;
        ratios.push(mean / naturalOf(line));
        if (worst && mean / naturalOf(line) > 1.5)
          process.stderr.write(
            `${(mean / naturalOf(line)).toFixed(2)} ${line.words.map((word) => word.text).join(' ')}\n`,
          );
      });
  ratios.sort((a, b) => a - b);

  let hyphens = 0;
  let hyphensInRow = 0;
  let hyphenAtFoot = 0;
  let pastBlock = 0;
  for (const page of pages) {
    let run = 0;
    const bodyLines = page.blocks.flat().filter((line) => size(line) === bodySize);
    for (const line of bodyLines) {
      if (endsWithHyphen(line)) {
        hyphens++;
        run++;
        hyphensInRow = Math.max(hyphensInRow, run);
      } else run = 0;
    }
    const foot = bodyLines.reduce((low, line) => (!low || line.yMax > low.yMax ? line : low), null);
    if (foot && endsWithHyphen(foot)) hyphenAtFoot++;
    for (const line of page.blocks.flat())
      for (const word of line.words)
        if (word.xMax > right + 0.5 + protrusion || word.xMin < left - 40) {
          pastBlock++;
          if (worst) process.stderr.write(`past the block: ${word.text}\n`);
        }
  }
  return {
    lines: ratios.length,
    median: quantile(ratios, 0.5),
    p95: quantile(ratios, 0.95),
    max: ratios[ratios.length - 1] ?? 0,
    hyphens,
    hyphensInRow,
    hyphenAtFoot,
    pastBlock,
    textBlock: { left, right },
  };
}

/** A word-final hyphen that breaks a word (not a dash, not a range like `2022-`). */
function endsWithHyphen(line) {
  const last = line.words[line.words.length - 1]?.text ?? '';
  return /\p{L}[-\u00ad\u2010]$/u.test(last);
}

/** Pages of blocks of lines of words with their boxes, in pdftotext's reading order. */
function parse(xml) {
  const pages = [];
  for (const pageMatch of xml.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)) {
    const blocks = [];
    for (const blockMatch of (pageMatch[2] ?? '').matchAll(/<block [^>]*>([\s\S]*?)<\/block>/g)) {
      const lines = [];
      for (const lineMatch of (blockMatch[1] ?? '').matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
        const words = [...(lineMatch[2] ?? '').matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map(
          (match) => ({ ...box(match[1] ?? ''), text: decode(match[2] ?? '') }),
        );
        if (words.length === 0) continue;
        const lineBox = box(lineMatch[1] ?? '');
        const height = median(words.map((word) => word.yMax - word.yMin));
        lines.push({ ...lineBox, height, words, gaps: gapsOf(words, height) });
      }
      if (lines.length > 0) blocks.push(lines);
    }
    pages.push({ width: Number(/width="([^"]+)"/.exec(pageMatch[1] ?? '')?.[1] ?? 0), blocks });
  }
  return pages;
}

/**
 * The spaces between a line's words: boxes closer than a fifth of the text
 * height are one word (a note call, a change of face) and leave no space.
 */
function gapsOf(words, height) {
  const gaps = [];
  for (let index = 1; index < words.length; index++) {
    const gap = (words[index]?.xMin ?? 0) - (words[index - 1]?.xMax ?? 0);
    if (gap > height * 0.08) gaps.push(gap);
  }
  return gaps;
}

function box(attributes) {
  const value = (name) => Number(new RegExp(`${name}="([^"]+)"`).exec(attributes)?.[1] ?? 0);
  return { xMin: value('xMin'), yMin: value('yMin'), xMax: value('xMax'), yMax: value('yMax') };
}

function decode(text) {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function round(value) {
  return Math.round(value * 2) / 2;
}

function mode(values) {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best = 0;
  let found = 0;
  for (const [value, count] of counts) if (count > best) [best, found] = [count, value];
  return found;
}

function median(values) {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

function quantile(sorted, q) {
  if (sorted.length === 0) return 0;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (at - low);
}
