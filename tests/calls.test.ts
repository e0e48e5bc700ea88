import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { callSites, settle } from '../src/model/calls.js';
import { parse } from '../src/parse/parse.js';

const reparse = (text: string) => parse(new VFile(text));
const sitesOf = (text: string) => callSites(reparse(text), text);
/** The labels and places of the calls micromark makes in `text` once every label has an entry. */
const settled = (text: string) =>
  settle(sitesOf(text), text, reparse).map(({ label, start, end }) => `${label}@${start}-${end}`);

describe('callSites', () => {
  it('should find a call right after a code span, where the span ends', () => {
    expect(sitesOf('A `a`[^x] b.\n').sites).toEqual([{ label: 'x', start: 5, end: 9 }]);
  });

  it('should not take a backslash inside a code span as escaping the call after it', () => {
    expect(sitesOf('A `a\\`[^x] b.\n').sites).toEqual([{ label: 'x', start: 6, end: 10 }]);
  });

  it('should find no call inside a code span or an autolink', () => {
    expect(sitesOf('A `[^x]` b.\n').sites).toEqual([]);
    expect(sitesOf('See <https://example.org/[^y]>.\n').sites).toEqual([]);
  });

  it('should find no call in a code span inside link text (masks sorted by their start)', () => {
    expect(sitesOf('A [`[^x]`](https://example.org) b.\n').sites).toEqual([]);
    expect(sitesOf('A [`a` [^x]](https://example.org) b.\n').sites).toEqual([
      { label: 'x', start: 7, end: 11 },
    ]);
  });

  it('should mark a label unsettled when its call opens a construct that runs past it', () => {
    expect([...sitesOf('A [^`x] b ` c.\n').unsettled]).toEqual(['`x']);
    expect([...sitesOf('A [^x](u) b.\n').unsettled]).toEqual(['x']);
    expect([...sitesOf('A [^x] `b` c.\n').unsettled]).toEqual([]);
    // A code span inside the label ends inside the call.
    expect([...sitesOf('A [^`b`] c.\n').unsettled]).toEqual([]);
  });
});

describe('settle', () => {
  it('should give the sites as they are when no label is unsettled', () => {
    const found = sitesOf('A [^x] b.\n');
    expect(settle(found, 'A [^x] b.\n', reparse)).toBe(found.sites);
  });

  it('should place the calls of an unsettled label where micromark makes them once it is defined', () => {
    // Undefined, `[^`x]` opens a code span to the next backtick and the second call is text;
    // defined, the first call ends it, and the second is inside the span.
    expect(settled('[^`x] a ` b [^`x] c\n')).toEqual(['`x@0-5']);
  });

  it('should keep the other labels’ calls, in source order, without repeating them', () => {
    expect(settled('A [^x](u) and [^y].\n\n[^y]: Y.\n')).toEqual(['x@2-6', 'y@14-18']);
  });

  it('should probe a source without a final line ending, and keep labels as written', () => {
    expect(settled('A [^X](u) b.')).toEqual(['X@2-6']);
    expect(settled('A [^x](u) b [^x]')).toEqual(['x@2-6', 'x@12-16']);
    expect(settled('A [^a\\+b](u) b.\n')).toEqual(['a\\+b@2-9']);
  });
});
