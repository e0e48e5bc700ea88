// An edit of micromark's `parse` for the bundle (scripts/bundle.mjs): it combined the
// default constructs with the extensions' on every call, and citeproof calls it once per
// segment of an article that micromark parses (about a twentieth of a check of rust-lang's
// blog). The edit combines them once per extensions array and length: remark passes the
// same frozen array on every call, and a parser reads its constructs without changing them;
// what a parser keeps of a document (`defined`, `lazy`) stays its own. The trees are the
// same (tests/deep/bundle-shims.test.ts compares the bundle's with the package's on every
// fixture). Written against micromark 4.0.x: if an upgrade changes the code, the edit does
// not apply and the bundle fails, saying so.

/** The line that combines the constructs on every call. */
const combine = 'combineExtensions([defaultConstructs, ...(settings.extensions || [])]);';

/** `source` (micromark's lib/parse.js) with the constructs combined once per extensions array. */
export function reuseConstructs(source) {
  if (source.split(combine).length !== 2 || !source.includes('export function parse(options) {')) {
    throw new Error(
      'scripts/micromark-constructs.mjs: micromark has changed, the edit of `parse` no longer applies; update or remove it',
    );
  }
  return `${source.replace(combine, 'combinedConstructs(settings.extensions || []);')}
/** The constructs of \`extensions\` with the defaults, combined once per array and length. */
const combinedConstructsCache = new WeakMap();
function combinedConstructs(extensions) {
  const known = combinedConstructsCache.get(extensions);
  if (known && known.length === extensions.length) return known.constructs;
  const constructs = combineExtensions([defaultConstructs, ...extensions]);
  combinedConstructsCache.set(extensions, { length: extensions.length, constructs });
  return constructs;
}
`;
}
