import { setOwn } from '@/lib/own-field';

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

/** A request target's path: what comes before its query, as `URL.pathname` has it for an origin-form target. */
export function pathOf(target: string): string {
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}

/**
 * A query's name-value pairs in order, as `new URLSearchParams(query)` gives them. Every GET webhook's query is
 * read twice (its signature's payload hash on the thread that reads requests, its fields on the webhook
 * thread), and URLSearchParams' parser and iterator cost about twice this. A query with a percent escape that
 * decodeURIComponent refuses (a lone `%`, bytes that are not UTF-8) is left to URLSearchParams, whose WHATWG
 * decoding keeps such bytes or replaces them rather than throwing.
 */
export function queryPairs(query: string): [name: string, value: string][] {
  const pairs: [string, string][] = [];
  if (query === '') return pairs;
  try {
    let start = 0;
    while (start <= query.length) {
      let end = query.indexOf('&', start);
      if (end === -1) end = query.length;
      if (end > start) {
        const equals = query.indexOf('=', start);
        const split = equals === -1 || equals > end ? end : equals;
        pairs.push([decodeComponent(query.slice(start, split)), decodeComponent(split === end ? '' : query.slice(split + 1, end))]);
      }
      start = end + 1;
    }
    return pairs;
  } catch {
    return [...new URLSearchParams(query)];
  }
}

/** A query's fields, the last of a repeated name winning: `Object.fromEntries(new URLSearchParams(query))`. */
export function queryFields(query: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of queryPairs(query)) setOwn(fields, name, value);
  return fields;
}

function decodeComponent(text: string): string {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  return spaced.includes('%') ? decodeURIComponent(spaced) : spaced;
}
