// An edit of mdast-util-from-markdown's `compile` for the bundle (scripts/bundle.mjs):
// it made a new context object for every micromark event (`{...context, sliceSerialize}`),
// which was about a fifth of micromark's share of a check on dense markup. The edit makes
// one object and sets its `sliceSerialize` per event: the handlers only read `this` during
// the call (none keeps it or assigns to it but through `this.data`), so the trees are the
// same (tests/bundle-shims.test.ts compares the bundle's with the package's on every
// fixture). Written against mdast-util-from-markdown 2.1.x: if an upgrade changes the
// code, the edit does not apply and the bundle fails, saying so.

/** The three places that spread the context, and the loop they are in. */
const spreads = [
  'callListeners(config.beforeEnter, {\n          ...context,\n          sliceSerialize: events[index][2].sliceSerialize\n        }, events[index][1]);',
  'handler[events[index][1].type].call({\n          ...context,\n          sliceSerialize: events[index][2].sliceSerialize\n        }, events[index][1]);',
  'callListeners(config.afterExit, {\n          ...context,\n          sliceSerialize: events[index][2].sliceSerialize\n        }, events[index][1]);',
];
const loop = '    events = prepared;\n    index = -1;\n    while (++index < events.length) {\n';

/** `source` (mdast-util-from-markdown's lib/index.js) with one context object for all events. */
export function reuseCompileContext(source) {
  for (const part of [loop, ...spreads]) {
    if (source.split(part).length !== 2) {
      throw new Error(
        'scripts/from-markdown-context.mjs: mdast-util-from-markdown has changed, the edit of `compile` no longer applies; update or remove it',
      );
    }
  }
  let edited = source.replace(
    loop,
    `${loop.slice(0, -1)}\n      each.sliceSerialize = events[index][2].sliceSerialize;\n`,
  );
  edited = edited.replace(
    '    events = prepared;\n',
    '    events = prepared;\n    const each = { ...context, sliceSerialize: undefined };\n',
  );
  for (const part of spreads)
    edited = edited.replace(part, `${part.split('{')[0]}each, events[index][1]);`);
  return edited;
}
