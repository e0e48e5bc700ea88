import leven from 'leven';

/**
 * The candidate nearest to `word` when it is near enough to be a typo (an
 * edit distance of at most a third of its length, at least 2, and less than its length), put into
 * `template` at `%s` (as in ", did you mean `%s`?"); else `undefined`.
 */
export function closest(
  word: string,
  candidates: readonly string[],
  template = '%s',
): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = leven(word.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (
    !best ||
    best.distance > Math.max(2, Math.floor(word.length / 3)) ||
    best.distance >= word.length
  )
    return undefined;
  return template.replace('%s', best.candidate);
}
