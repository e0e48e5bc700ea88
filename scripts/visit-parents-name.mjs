// An edit of unist-util-visit-parents for the bundle (scripts/bundle.mjs): before visiting
// a node it renamed the visit function after the node (`Object.defineProperty(visit,
// 'name', …)`, for stack traces), once per node. In the bundle's check that was most of
// mdast-util-gfm-autolink-literal's pass over each tree (mdast-util-find-and-replace visits
// every node twice): 2 s of the 5 s micromark spent on a 1 MB article of code spans, and
// about a tenth of a check of articles like real writing. The name is read by nothing but a
// debugger, so the edit drops it; the visits are the same. Written against
// unist-util-visit-parents 6.x: if an upgrade changes the code, the edit does not apply and
// the bundle fails, saying so.

/** The renaming, with the `if` around it. */
const renaming =
  /\n {4}if \(typeof value\.type === 'string'\) \{\n[^]*?Object\.defineProperty\(visit, 'name', \{\n[^]*?\n {6}\}\)\n {4}\}\n/g;

/** `source` (unist-util-visit-parents' lib/index.js) without the renaming of its visit functions. */
export function withoutVisitNames(source) {
  const found = source.match(renaming) ?? [];
  if (found.length !== 1 || found[0].length > 600) {
    throw new Error(
      'scripts/visit-parents-name.mjs: unist-util-visit-parents has changed, the edit of `factory` no longer applies; update or remove it',
    );
  }
  return source.replace(renaming, '\n');
}
