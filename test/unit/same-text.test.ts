import { describe, expect, it } from 'vitest';
import { sameText } from '@/lib/security/same-text';

describe('sameText', () => {
  it.each([
    ['equal texts', 'IItTC6dlaw6vS6lGA8LvgG', 'IItTC6dlaw6vS6lGA8LvgG', true],
    ['two empty texts', '', '', true],
    ['a difference in the first character', 'aBC', 'ABC', false],
    ['a difference in the last character', 'ABc', 'ABC', false],
    ['a prefix', 'ABC', 'ABCD', false],
    ['a longer text', 'ABCD', 'ABC', false],
    ['characters beyond Latin-1', 'café–1', 'café–2', false],
  ])('%s', (_, a, b, expected) => {
    expect(sameText(a, b)).toBe(expected);
  });
});
