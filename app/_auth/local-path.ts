/**
 * Where to go after signing in: only a path on this site. `//evil.example` and `/\evil.example` are
 * protocol-relative URLs to other sites as far as browsers are concerned, so they are refused too.
 */
export function localPath(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}
