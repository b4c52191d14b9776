import { describe, expect, it } from 'vitest';
import { oncePer } from '@/lib/once-per';

describe('oncePer', () => {
  it('computes once per key object and hands back the same value after', () => {
    const seen: object[] = [];
    const sizeOf = oncePer((key: { items: number[] }) => {
      seen.push(key);
      return { size: key.items.length };
    });
    const a = { items: [1, 2] };
    const b = { items: [1, 2] };
    const first = sizeOf(a);
    expect(sizeOf(a)).toBe(first);
    expect(sizeOf(b)).toEqual(first);
    expect(sizeOf(b)).not.toBe(first);
    expect(seen).toEqual([a, b]);
  });
});
