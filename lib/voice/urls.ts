/** The continuation token in one of our continuation URLs (e.g. a fallback's original URL), or null. */
export function continuationTokenIn(url: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return null;
  }
  const match = /^\/api\/voice\/continue\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(pathname);
  return match ? match[1] : null;
}
