import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as safeRegex from '@/lib/flow/safe-regex';
import {
  evaluateCondition,
  matchChoice,
  MATCH_INPUT_LIMIT,
  normalizeSpeech,
  pickBranch,
  toNumber,
  type Condition,
  type MenuChoice,
} from '@/lib/runtime/conditions';
import type { Scope } from '@/lib/runtime/template';

// Keep the real checker but count its calls, to prove patterns are compiled once.
vi.mock('@/lib/flow/safe-regex', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/flow/safe-regex')>();
  return { ...actual, checkRegex: vi.fn(actual.checkRegex) };
});

const scope: Scope = {
  vars: {
    tier: ' Gold ',
    count: '01',
    amount: 42,
    zero: 0,
    price: '9.50',
    blank: '   ',
    nil: null,
    vip: true,
    name: 'Ada Lovelace',
    code: 'ABC-123',
    limit: '10',
    date: '2026-03-08',
    hex: '0x10',
    long: `${'a'.repeat(MATCH_INPUT_LIMIT)}END`,
  },
  call: { from: '447700900001', to: '15550100', uuid: 'leg-1', conversation_uuid: 'CON-1' },
};

type Case = [label: string, cond: Partial<Condition> & Pick<Condition, 'subject' | 'operator'>, matched: boolean];

function cond(partial: Case[1]): Condition {
  return { compareAs: 'text', value: '', value2: '', ...partial };
}

describe('evaluateCondition', () => {
  it.each<Case>([
    // Text: trimmed and case-insensitive.
    ['text equals ignores case and spaces', { subject: 'tier', operator: 'equals', value: 'gold' }, true],
    ['text equals with the value padded', { subject: 'tier', operator: 'equals', value: '  GOLD ' }, true],
    ['text equals is not contains', { subject: 'tier', operator: 'equals', value: 'gol' }, false],
    ['text equals a number as text', { subject: 'amount', operator: 'equals', value: '42' }, true],
    ['text "01" is not "1"', { subject: 'count', operator: 'equals', value: '1' }, false],
    ['text equals a boolean', { subject: 'vip', operator: 'equals', value: 'TRUE' }, true],
    ['text notEquals', { subject: 'tier', operator: 'notEquals', value: 'silver' }, true],
    ['text notEquals on an equal value', { subject: 'tier', operator: 'notEquals', value: 'GOLD' }, false],
    ['startsWith on a call field', { subject: 'call.from', operator: 'startsWith', value: '44' }, true],
    ['startsWith misses', { subject: 'call.from', operator: 'startsWith', value: '1' }, false],
    ['startsWith ignores case', { subject: 'code', operator: 'startsWith', value: 'abc' }, true],
    ['startsWith ignores compareAs number', { subject: 'call.from', operator: 'startsWith', compareAs: 'number', value: '4477' }, true],
    ['contains', { subject: 'name', operator: 'contains', value: 'LOVE' }, true],
    ['contains misses', { subject: 'name', operator: 'contains', value: 'babbage' }, false],
    ['contains on a missing variable', { subject: 'ghost', operator: 'contains', value: 'x' }, false],
    ['text lessThan is lexicographic', { subject: 'date', operator: 'lessThan', value: '2026-04-01' }, true],
    ['text greaterThan is lexicographic ("9" > "10")', { subject: 'price', operator: 'greaterThan', value: '10' }, true],
    ['text between is lexicographic and inclusive', { subject: 'date', operator: 'between', value: '2026-03-08', value2: '2026-03-31' }, true],
    ['text between outside', { subject: 'date', operator: 'between', value: '2026-04-01', value2: '2026-04-30' }, false],
    // Numbers.
    ['number "01" equals "1.0"', { subject: 'count', operator: 'equals', compareAs: 'number', value: '1.0' }, true],
    ['number equals a numeric var', { subject: 'amount', operator: 'equals', compareAs: 'number', value: '42.00' }, true],
    ['number equals with exponent', { subject: 'amount', operator: 'equals', compareAs: 'number', value: '4.2e1' }, true],
    ['number 0 equals "-0"', { subject: 'zero', operator: 'equals', compareAs: 'number', value: '-0' }, true],
    ['number lessThan', { subject: 'price', operator: 'lessThan', compareAs: 'number', value: '10' }, true],
    ['number lessThan equal is false', { subject: 'amount', operator: 'lessThan', compareAs: 'number', value: '42' }, false],
    ['number greaterThan', { subject: 'amount', operator: 'greaterThan', compareAs: 'number', value: '41.99' }, true],
    ['number greaterThan is numeric, not text ("9.50" < "10")', { subject: 'price', operator: 'greaterThan', compareAs: 'number', value: '10' }, false],
    ['number between inclusive low', { subject: 'amount', operator: 'between', compareAs: 'number', value: '42', value2: '50' }, true],
    ['number between inclusive high', { subject: 'amount', operator: 'between', compareAs: 'number', value: '1', value2: '42' }, true],
    ['number between outside', { subject: 'amount', operator: 'between', compareAs: 'number', value: '43', value2: '50' }, false],
    ['number between with bounds reversed', { subject: 'amount', operator: 'between', compareAs: 'number', value: '50', value2: '1' }, true],
    ['number between with a bad bound', { subject: 'amount', operator: 'between', compareAs: 'number', value: '1', value2: 'lots' }, false],
    ['non-numeric subject never equals', { subject: 'tier', operator: 'equals', compareAs: 'number', value: 'gold' }, false],
    ['non-numeric subject is notEquals', { subject: 'tier', operator: 'notEquals', compareAs: 'number', value: '1' }, true],
    ['non-numeric subject is not lessThan', { subject: 'tier', operator: 'lessThan', compareAs: 'number', value: '1' }, false],
    ['non-numeric subject is not greaterThan', { subject: 'tier', operator: 'greaterThan', compareAs: 'number', value: '1' }, false],
    ['missing subject is not 0 (Number("") trap)', { subject: 'ghost', operator: 'equals', compareAs: 'number', value: '0' }, false],
    ['blank subject is not lessThan 1', { subject: 'blank', operator: 'lessThan', compareAs: 'number', value: '1' }, false],
    ['hex text is not a number', { subject: 'hex', operator: 'equals', compareAs: 'number', value: '16' }, false],
    ['number notEquals on equal numbers', { subject: 'count', operator: 'notEquals', compareAs: 'number', value: '1' }, false],
    // Templates in values.
    ['value is a template', { subject: 'amount', operator: 'greaterThan', compareAs: 'number', value: '{{limit}}' }, true],
    ['between bounds are templates', { subject: 'price', operator: 'between', compareAs: 'number', value: '{{zero}}', value2: '{{ limit }}' }, true],
    ['value reads a call field', { subject: 'call.from', operator: 'equals', value: '{{call.from}}' }, true],
    ['unknown template renders empty', { subject: 'blank', operator: 'equals', value: '{{ghost}}' }, true],
    // isEmpty.
    ['isEmpty on a missing variable', { subject: 'ghost', operator: 'isEmpty' }, true],
    ['isEmpty on null', { subject: 'nil', operator: 'isEmpty' }, true],
    ['isEmpty on blanks', { subject: 'blank', operator: 'isEmpty' }, true],
    ['isEmpty on 0', { subject: 'zero', operator: 'isEmpty' }, false],
    ['isEmpty on text', { subject: 'tier', operator: 'isEmpty' }, false],
    ['isEmpty on an unknown call field', { subject: 'call.region_url', operator: 'isEmpty' }, true],
    ['isEmpty on an inherited name', { subject: 'constructor', operator: 'isEmpty' }, true],
    // matches: raw value, case-sensitive.
    ['matches', { subject: 'code', operator: 'matches', value: '^[A-Z]{3}-\\d+$' }, true],
    ['matches is case-sensitive', { subject: 'code', operator: 'matches', value: '^abc' }, false],
    ['matches sees the raw value (spaces kept)', { subject: 'tier', operator: 'matches', value: '^Gold$' }, false],
    ['matches ignores compareAs', { subject: 'call.to', operator: 'matches', compareAs: 'number', value: '^1555' }, true],
    ['an unsafe pattern never matches', { subject: 'code', operator: 'matches', value: '(A+)+$' }, false],
    ['an invalid pattern never matches', { subject: 'code', operator: 'matches', value: '([A-Z' }, false],
    ['matching stops at 1,000 characters', { subject: 'long', operator: 'matches', value: 'END' }, false],
    ['matching sees the first 1,000 characters', { subject: 'long', operator: 'matches', value: `^a{${MATCH_INPUT_LIMIT}}$` }, true],
  ])('%s', (_label, partial, matched) => {
    expect(evaluateCondition(cond(partial), scope).matched).toBe(matched);
  });

  it.each<[string, string]>([
    ['tier', ' Gold '],
    ['amount', '42'],
    ['nil', ''],
    ['ghost', ''],
    ['call.from', '447700900001'],
    ['  call.to ', '15550100'],
    ['__proto__', ''],
  ])('reports the actual value of %j', (subject, actual) => {
    expect(evaluateCondition(cond({ subject, operator: 'isEmpty' }), scope).actual).toBe(actual);
  });

  it('never uses a value that was not meant to be a pattern as code', () => {
    const hostile = { ...scope, vars: { ...scope.vars, pattern: '(a|a)*$' } };
    expect(evaluateCondition(cond({ subject: 'long', operator: 'matches', value: '{{pattern}}' }), hostile).matched).toBe(false);
  });

  describe('regex cache', () => {
    const checkRegex = vi.mocked(safeRegex.checkRegex);
    beforeEach(() => {
      checkRegex.mockClear();
    });

    it('checks and compiles each pattern once', () => {
      const c = cond({ subject: 'code', operator: 'matches', value: '^ABC-(\\d+)$' });
      const results = [1, 2, 3].map(() => evaluateCondition(c, scope).matched);
      expect(results).toEqual([true, true, true]);
      expect(checkRegex).toHaveBeenCalledTimes(1);
      expect(checkRegex).toHaveBeenCalledWith('^ABC-(\\d+)$');
    });

    it('remembers refused patterns too', () => {
      const c = cond({ subject: 'code', operator: 'matches', value: '(B+)+$' });
      evaluateCondition(c, scope);
      evaluateCondition(c, scope);
      expect(checkRegex).toHaveBeenCalledTimes(1);
    });

    it('checks a different pattern separately', () => {
      evaluateCondition(cond({ subject: 'code', operator: 'matches', value: '^X' }), scope);
      evaluateCondition(cond({ subject: 'code', operator: 'matches', value: '^Y' }), scope);
      expect(checkRegex.mock.calls.map(([source]) => source)).toEqual(['^X', '^Y']);
    });

    it('a global regex gives the same answer every time (lastIndex reset)', () => {
      checkRegex.mockImplementationOnce((source) => ({ ok: true, regex: new RegExp(source, 'g') }));
      const c = cond({ subject: 'code', operator: 'matches', value: 'ABC' });
      expect([1, 2, 3].map(() => evaluateCondition(c, scope).matched)).toEqual([true, true, true]);
    });
  });
});

describe('toNumber', () => {
  it.each<[string, number | null]>([
    ['1', 1],
    [' 01 ', 1],
    ['1.0', 1],
    ['-2.5', -2.5],
    ['+3', 3],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['', null],
    ['   ', null],
    ['0x10', null],
    ['0b1', null],
    ['Infinity', null],
    ['NaN', null],
    ['1,000', null],
    ['1 000', null],
    ['12abc', null],
    ['1e999', null],
  ])('%j → %s', (text, n) => {
    expect(toNumber(text)).toBe(n);
  });
});

describe('pickBranch', () => {
  const c = (id: string, partial: Case[1]) => ({ id, ...cond(partial) });

  it.each<[string, ReturnType<typeof c>[], { handle: string; index: number; actual: string }]>([
    [
      'first match wins, even when a later one matches too',
      [
        c('silver', { subject: 'tier', operator: 'equals', value: 'silver' }),
        c('gold', { subject: 'tier', operator: 'equals', value: 'gold' }),
        c('any', { subject: 'tier', operator: 'contains', value: 'o' }),
      ],
      { handle: 'gold', index: 1, actual: ' Gold ' },
    ],
    [
      'else when nothing matches',
      [c('uk', { subject: 'call.from', operator: 'startsWith', value: '33' })],
      { handle: 'else', index: -1, actual: '' },
    ],
    ['else with no conditions', [], { handle: 'else', index: -1, actual: '' }],
    [
      'reports the matching condition’s subject',
      [
        c('big', { subject: 'amount', operator: 'greaterThan', compareAs: 'number', value: '100' }),
        c('uk', { subject: 'call.from', operator: 'startsWith', value: '44' }),
      ],
      { handle: 'uk', index: 1, actual: '447700900001' },
    ],
  ])('%s', (_label, conditions, expected) => {
    expect(pickBranch(conditions, scope)).toEqual(expected);
  });
});

describe('normalizeSpeech', () => {
  it.each<[string, string]>([
    ['Sales', 'sales'],
    ['  Sales,   please!  ', 'sales please'],
    ["I don't know", 'i dont know'],
    ['I don’t know', 'i dont know'],
    ['sales/support', 'sales support'],
    ['e-mail', 'e mail'],
    ['Account #42.', 'account 42'],
    ['Café Crème', 'café crème'],
    ['ＳＡＬＥＳ', 'sales'],
    ['?!', ''],
  ])('%j → %j', (text, normalized) => {
    expect(normalizeSpeech(text)).toBe(normalized);
  });
});

describe('matchChoice', () => {
  const choices: MenuChoice[] = [
    { id: 'sales', key: '1', phrases: ['sales', 'buy something'] },
    { id: 'support', key: '2', phrases: ['support', 'help'] },
    { id: 'tech', key: '3', phrases: ['technical support'] },
    { id: 'voice-only', key: '', phrases: ['operator'] },
  ];
  it.each<[string, { digits?: string; speech?: string[] }, string | null]>([
    ['key', { digits: '2' }, 'support'],
    ['unknown key', { digits: '9' }, null],
    ['several digits are not a key', { digits: '12' }, null],
    ['empty digits never match a speech-only choice', { digits: '' }, null],
    ['a key wins over speech', { digits: '1', speech: ['support'] }, 'sales'],
    ['an unknown key falls back to speech', { digits: '9', speech: ['help'] }, 'support'],
    ['exact phrase', { speech: ['Sales'] }, 'sales'],
    ['phrase inside a sentence', { speech: ['I need some help, please.'] }, 'support'],
    ['multi-word phrase', { speech: ['I want to buy something'] }, 'sales'],
    ['whole words only', { speech: ['wholesales'] }, null],
    ['whole words only inside a phrase', { speech: ['helpful'] }, null],
    ['the longest phrase wins', { speech: ['technical support'] }, 'tech'],
    ['a speech-only choice', { speech: ['operator'] }, 'voice-only'],
    ['the first result that matches wins', { speech: ['hmm', 'support', 'sales'] }, 'support'],
    ['no result matches', { speech: ['banana', 'apple'] }, null],
    ['no input at all', {}, null],
  ])('%s', (_label, input, id) => {
    expect(matchChoice(choices, input)).toBe(id);
  });

  it('ignores blank phrases rather than matching everything', () => {
    expect(matchChoice([{ id: 'x', key: '', phrases: ['  ', '!!'] }], { speech: ['anything'] })).toBeNull();
  });
});
