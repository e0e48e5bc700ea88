/**
 * The URL policy of every edition: a link or image may point at an `http`,
 * `https` or `mailto` URL, or a relative one (another article's edition, an
 * anchor). Any other scheme (`javascript:`, `data:`, `file:`, `vbscript:`…) is
 * unsafe: the editions show the link's text without the link, and the
 * `unsafe-link` rule warns.
 */
const safeSchemes = new Set(['http', 'https', 'mailto']);

/** The scheme of `url` when it has one and it is not allowed, else `undefined`. */
export function unsafeScheme(url: string): string | undefined {
  // Browsers ignore ASCII control characters and white space inside a scheme (`java\tscript:`).
  const compact = url.replace(/[\u0000-\u0020\u007f]+/gu, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/iu.exec(compact)?.[1]?.toLowerCase();
  return scheme === undefined || safeSchemes.has(scheme) ? undefined : scheme;
}
