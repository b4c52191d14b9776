/**
 * The query string of a request URL, without its `?` ('' when there is none), as `URL.search` has it but
 * without parsing the whole URL: every GET webhook reads its query (and checks its signature over it), and
 * parsing the URL cost more than the rest of reading it.
 */
export function queryOf(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return '';
  const end = url.indexOf('#', start);
  return end === -1 ? url.slice(start + 1) : url.slice(start + 1, end);
}
