import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queryFields, queryPairs } from '@/lib/net/query-string';

/*
 * The webhooks' query reading against the WHATWG parser it stands in for: URLSearchParams, whatever the query.
 */

// Queries are built from the characters that matter to the parser, and any text besides.
const piece = fc.oneof(
  fc.constantFrom('&', '=', '+', '%', '%2', '%25', '%3D', '%26', '%2B', '%C3%A9', '%E2%82%AC', '%FF', '%C3', '%zz', '__proto__', 'constructor', 'a', 'to', ' '),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);
const query = fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(''));

describe('query reading', () => {
  it('gives the pairs URLSearchParams gives, in order', () => {
    fc.assert(
      fc.property(query, (text) => {
        expect(queryPairs(text)).toEqual([...new URLSearchParams(text)]);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the fields Object.fromEntries(URLSearchParams) gives', () => {
    fc.assert(
      fc.property(query, (text) => {
        const fields = queryFields(text);
        expect(Object.entries(fields)).toEqual(Object.entries(Object.fromEntries(new URLSearchParams(text))));
        expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['', []],
    ['a', [['a', '']]],
    ['a=', [['a', '']]],
    ['=b', [['', 'b']]],
    ['a=b=c', [['a', 'b=c']]],
    ['&&a=1&&', [['a', '1']]],
    ['a+b=c+d', [['a b', 'c d']]],
    ['url=https%3A%2F%2Fapi-eu-3.vonage.com', [['url', 'https://api-eu-3.vonage.com']]],
    ['bad=%zz&lone=%', [['bad', '%zz'], ['lone', '%']]],
    ['latin=%E9', [['latin', '\ufffd']]],
  ])('reads %j', (text, pairs) => {
    expect(queryPairs(text)).toEqual(pairs);
  });

  it('keeps a field named __proto__ as a field, not the prototype', () => {
    const fields = queryFields('__proto__=x&a=1');
    expect(Object.keys(fields)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });
});
