import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRegex, MAX_REGEX_LENGTH } from '@/lib/flow/safe-regex';

/** Patterns people put in a Branch, and the classic safe shapes the analysis must let through. */
const SAFE = [
  '',
  '^44',
  '^\\+?44\\d{9,10}$',
  '^(\\+1)?\\d{10}$',
  '^(07|447)\\d{9}$',
  '^(yes|yeah|yep)$',
  '.*(agent|operator).*',
  '^[0-9]{4}$',
  '(foo|bar)+',
  '(ab|ac)*',
  '(1|2|3)+',
  '(?:a|b)*c',
  '(a{2})+',
  '(xa+)+',
  '([^,]+,)*',
  '((a|b)+x)+',
  '(\\d{1,3}\\.){3}\\d{1,3}',
  '^[\\w.+-]+@([\\w-]+\\.)+[a-z]{2,}$',
  '^(?<area>\\d{3})-\\d{4}$',
  '(?=\\d{4})\\d+',
  '\\bvip\\b',
  '[]',
  '[^]*',
  'x{',
  '[\\d-z]+',
  'a'.repeat(MAX_REGEX_LENGTH),
];

/** [pattern, what the reason must mention] */
const UNSAFE: [string, RegExp][] = [
  ['(a+)+', /repeats something/],
  ['(a*)*', /repeats something/],
  ['(.*)*', /repeats something/],
  ['^(\\d+)+$', /“\(\\d\+\)\+”/],
  ['(a?)+', /repeats something/],
  ['(\\w+\\s?)*', /repeats something/],
  ['(a+x?)+', /repeats something/],
  ['(.*,)*', /repeats something/],
  ['(a+xa+)+', /repeats something/],
  ['((ab)+)+', /repeats something/],
  ['(.*a){11}', /repeats something/],
  ['^(([a-z])+.)+[A-Z]([a-z])+$', /repeats something/],
  ['(a|a)*', /alternatives/],
  ['(a|ab)+', /alternatives/],
  ['(a|b|ab)*', /alternatives/],
  ['(\\d|\\d\\d)+$', /alternatives/],
  ['(a)\\1', /Back-references/],
  ['(?<n>a)\\k<n>', /Back-references/],
  ['(?<=a)b', /Look-behind/],
  ['(?<!a)b', /Look-behind/],
  ['\\012', /Octal/],
  ['(abc', /not a valid pattern/],
  ['a{2,1}', /not a valid pattern/],
  ['a'.repeat(MAX_REGEX_LENGTH + 1), /200 characters/],
];

describe('checkRegex', () => {
  it.each(SAFE)('accepts %j', (source) => {
    const result = checkRegex(source);
    expect(result).toEqual({ ok: true, regex: new RegExp(source) });
  });

  it.each(UNSAFE)('refuses %j', (source, reason) => {
    const result = checkRegex(source);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('returns a regex that behaves like the pattern', () => {
    const result = checkRegex('^44\\d+$');
    expect(result.ok && result.regex.test('447700900123')).toBe(true);
    expect(result.ok && result.regex.test('337700900123')).toBe(false);
  });

  it('never throws, and accepts only patterns JavaScript compiles', () => {
    const unit = fc.constantFrom(...'ab.|()[]^$*+?{},-\\dws1<>=!:0'.split(''), '\\d', '\\w', '(?:', '(?=', '{2,}', '{1,3}');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (source) => {
        const result = checkRegex(source);
        let compiles = true;
        try {
          new RegExp(source);
        } catch {
          compiles = false;
        }
        if (!compiles) expect(result.ok).toBe(false);
        if (result.ok) expect(result.regex.source).toBe(new RegExp(source).source);
        else expect(result.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
