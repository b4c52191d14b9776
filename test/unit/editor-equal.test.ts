import { describe, expect, it } from 'vitest';
import { deepEqual, snapshotsEqual } from '@/lib/editor/equal';
import { emptyDocument } from '@/lib/flow/document';

describe('deepEqual', () => {
  it.each([
    ['equal primitives', 1, 1, true],
    ['different primitives', 'a', 'b', false],
    ['null and an object', null, {}, false],
    ['objects with keys in another order', { a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    ['arrays in another order', [1, 2], [2, 1], false],
    ['arrays of other lengths', [1], [1, 1], false],
    ['an array and an object', [], {}, false],
    ['a missing key', { a: 1 }, { a: 1, b: 2 }, false],
    ['a key holding undefined and an absent key', { a: 1, b: undefined }, { a: 1 }, true],
    ['a nested difference', { a: { b: { c: 1 } } }, { a: { b: { c: 2 } } }, false],
  ])('%s', (_, a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
    expect(deepEqual(b, a)).toBe(expected);
  });
});

describe('snapshotsEqual', () => {
  it('compares structure, not identity', () => {
    expect(snapshotsEqual(emptyDocument(), emptyDocument())).toBe(true);
    expect(snapshotsEqual(emptyDocument(), { ...emptyDocument(), layout: { start: { x: 1, y: 0 } } })).toBe(false);
  });
});
