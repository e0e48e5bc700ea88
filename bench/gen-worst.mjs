// Articles of about 1 MB that hold the worst the parser limits allow (src/parse/limits.ts), one
// shape each: what tests/deep/limits.test.ts checks and builds, and what `npm run bench` times
// against the goals of issue 14 (every input under 1 MB checked in under 2 s, built in under
// 10 s). `overLimit` is the limits' own judge (src/ in the tests, dist/ in the bench), so
// that each article is filled exactly to the limit whatever the limits become.

export const frontMatter = '---\ntitle: Shapes\nauthor: Test Author\nlang: en\n---\n\n';

/** Long words (an eighth each toward the limit of lines and marks), to fill an article's bytes. */
const prose = (length) => {
  const paragraph = `${'extraordinarily '.repeat(3_000)}\n\n`;
  let text = '';
  while (text.length + paragraph.length <= length) text += paragraph;
  return text;
};

/** The largest `count` in [0, most] for which `within(count)`, given that it holds at 0 and stops holding from some count on. */
function largest(most, within) {
  let low = 0;
  let high = 1;
  while (high <= most && within(high)) high *= 2;
  high = Math.min(high, most + 1);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (within(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * The worst of everything at once: one paragraph at each limit, two of one-letter words
 * (the most places to break a line), paragraphs of long words as long as a paragraph may be
 * to about `size`, and paragraphs of openers that never close up to the limit of lines and
 * marks.
 */
export function worstWithinLimits(size, overLimit, columns = 500) {
  const blocks = [
    '**a'.repeat(499),
    '[a]('.repeat(999),
    Array.from({ length: 100 }, (_, index) => `${'`'.repeat(index + 1)}x`).join(' '),
    `|${' a |'.repeat(columns)}\n|${'-|'.repeat(columns)}\n${`|${' b |'.repeat(columns)}\n`.repeat(8)}`,
    'x '.repeat(24_000),
    'x '.repeat(24_000),
  ];
  // Room left for the paragraphs of openers (about 25 KB of them fit the limit).
  const head = `${frontMatter}${blocks.join('\n\n')}\n\n${prose(size - 100_000 - 40_000)}`;
  const filler = `${'*a **a _a __a [b (c `d` e\n'.repeat(40)}\n`;
  const withFiller = (count) => `${head}${filler.repeat(count)}`;
  return withFiller(largest(size / filler.length, (count) => !overLimit(withFiller(count))));
}

/** One shape: `unit` repeated as often as the limits allow in `size`, after `before`, the rest long words. */
function filled(size, overLimit, unit, before = '') {
  const text = (count) =>
    `${frontMatter}${prose(size - frontMatter.length - before.length - unit.length * count)}${before}${unit.repeat(count)}`;
  const most = Math.floor((size - frontMatter.length - before.length) / unit.length);
  return text(largest(most, (count) => !overLimit(text(count))));
}

/** Articles of about `size` bytes, each as much of one costly shape as the limits allow. */
export function worstShapes(size, overLimit) {
  const row = `|${' b |'.repeat(8)}\n`;
  return {
    'everything at once (tests/deep/limits.test.ts)': worstWithinLimits(size, overLimit),
    'one-letter words': filled(size, overLimit, `${'x '.repeat(500)}\n\n`),
    headings: filled(size, overLimit, '# a\n\n'),
    'list items': filled(size, overLimit, '- a\n'),
    'table cells': filled(size, overLimit, row, `|${' a |'.repeat(8)}\n|${'-|'.repeat(8)}\n`),
    'code spans': filled(size, overLimit, `${'`a` '.repeat(200)}\n\n`),
    'inline HTML': filled(size, overLimit, `${'<b>a</b> '.repeat(100)}\n\n`),
    'web addresses': filled(size, overLimit, `${'www.example.org '.repeat(100)}\n\n`),
    'block quotes nested 20 deep': filled(size, overLimit, `${'>'.repeat(20)} a\n`),
    'words of 49,000 letters': filled(size, overLimit, `${'x'.repeat(49_000)}\n\n`),
    'long URLs': filled(
      size,
      overLimit,
      `${`https://example.org/${'a/'.repeat(200)} `.repeat(40)}\n\n`,
    ),
  };
}
