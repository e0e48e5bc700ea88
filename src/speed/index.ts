/**
 * speed/ — the one switch between citeproof's speed paths and the plain
 * (reference) path. Each speed path produces exactly what the plain path
 * produces, faster; the tests run both and require the same messages and bytes
 * (tests/reference-path.test.ts, tests/deep/). Measured gains (2 cores, see BENCHMARKS.md):
 *
 * | path | where | plain path | gain |
 * | --- | --- | --- | --- |
 * | one-pass parser | parse/fast-parse.ts | micromark (remark-parse) | ~5 ms → ~0.6 ms per plain article; 10k check 3.8 s instead of ~30 s |
 * | segmented parse | parse/segments.ts (+ fast-parse.ts) | micromark for the whole article | parse of articles like real writing ~3× less CPU (95–99% of the bytes of the corpora measured on the one pass; micromark given a paragraph's text alone where that is all it needs) |
 * | shaping tables | editions/pdf/shaping.ts (+ scripts/shaping-tables.mjs) | fontkit's layout | ~80 ms of a one-article build |
 * | V8 code cache | cli/launch.ts (+ scripts/code-cache.mjs) | compile the bundle | ~50 ms of every start |
 * | text operators | editions/pdf/text-operators.ts | pdfkit's `text()` per piece | rendering the seed 56 → 37 ms warm (a 12-page article 148 → 60 ms); ~20 ms of a cold one-article build |
 * | flat front matter | parse/flat-yaml.ts, parse/flat-toml.ts | `yaml`'s `parseDocument`, `smol-toml`'s `parse` | ~0.5 s of CPU per 1,000 plain articles (about a sixth of a check); TOML ~2% of a check of rust-lang's blog |
 * | lazy `post` table | editions/pdf/font-tables.ts | fontkit decodes it whole | ~60 ms of a cold one-article build (the glyph names of four faces) |
 * | rules run directly | rules/check.ts | unified's pipeline of the rules' plugins | ~10–20 µs an article (the rules over rust-lang's blog: 104 → 89 ms warm) |
 * | deferred tier-up | cli/tier-up.ts (+ cli/launch.ts) | V8's default interrupt budget | check of simonw/til 0.98 → 0.81 s, rust-lang's blog 2.45 → 2.15 s, build of the first article 0.69 → 0.56 s; 10,000 articles unchanged |
 *
 * `CITEPROOF_REFERENCE=1` turns every one of them off; `CITEPROOF_PARSER=micromark`,
 * `CITEPROOF_SHAPER=fontkit`, `CITEPROOF_CODE_CACHE=off`, `CITEPROOF_TEXT=pdfkit`,
 * `CITEPROOF_EMBED=fontkit`, `CITEPROOF_YAML=yaml`, `CITEPROOF_RULES=unified` and `CITEPROOF_TIER_UP=v8` one at a time. The text operators change the PDF's bytes, not its pages: the
 * tests require the same glyphs in the same places, text layer, fonts, links
 * and structure both ways (tests/deep/pdf-text-operators.test.ts).
 * (The bundle's stand-ins for parts of dependencies, scripts/*.cjs|mjs, are
 * build-time choices of dist/ and are checked by tests/bundle-shims.test.ts.)
 */

export interface SpeedPaths {
  /** Parse plain articles with the one-pass parser (else always micromark). */
  fastParser: boolean;
  /** Shape text from precomputed tables where they cover it (else always fontkit). */
  shapingTables: boolean;
  /** Start the bundle from V8's code cache (else compile it). */
  codeCache: boolean;
  /** Write the PDF's lines as text operators (else each piece with pdfkit's `text()`). */
  textOperators: boolean;
  /** Read only the header of a font's `post` table until more is asked for (else fontkit decodes it whole). */
  lazyPostTable: boolean;
  /** Read front matter of plain string fields without the YAML parser (else always `yaml`). */
  flatYaml: boolean;
  /** Run the rules one after another (else through unified's pipeline). */
  directRules: boolean;
  /** The bin defers V8's optimizing compiler for its first second (else V8's defaults). */
  deferredTierUp: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Which speed paths are on, from the environment, read when a path is asked about (tests
 * switch it). Each field reads its own variable and `CITEPROOF_REFERENCE` only: a variable
 * of `process.env` is a `getenv` each time, and all ten for each of the few questions an
 * article asks were ~1% of a check of plain prose.
 */
export function speedPaths(env: Env = process.env): SpeedPaths {
  return new PathsOf(env) as PathsOf & SpeedPaths;
}

/** Each path's variable, and the value that turns it off. */
const switches: Record<keyof SpeedPaths, [variable: string, off: string]> = {
  fastParser: ['CITEPROOF_PARSER', 'micromark'],
  shapingTables: ['CITEPROOF_SHAPER', 'fontkit'],
  codeCache: ['CITEPROOF_CODE_CACHE', 'off'],
  textOperators: ['CITEPROOF_TEXT', 'pdfkit'],
  lazyPostTable: ['CITEPROOF_EMBED', 'fontkit'],
  flatYaml: ['CITEPROOF_YAML', 'yaml'],
  directRules: ['CITEPROOF_RULES', 'unified'],
  deferredTierUp: ['CITEPROOF_TIER_UP', 'v8'],
};

/** The environment, with a getter on its prototype for each path (`switches`). */
class PathsOf {
  constructor(readonly env: Env) {}
}

for (const [path, [variable, off]] of Object.entries(switches)) {
  Object.defineProperty(PathsOf.prototype, path, {
    get(this: PathsOf): boolean {
      const reference = this.env['CITEPROOF_REFERENCE'];
      return reference !== '1' && reference !== 'true' && this.env[variable] !== off;
    },
  });
}
