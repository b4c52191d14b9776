import type { z } from 'zod';
import type { branch } from '@/lib/flow/kinds/branch';
import type { menu } from '@/lib/flow/kinds/menu';
import { checkRegex } from '@/lib/flow/safe-regex';
import { renderTemplate, resolveName, type Scope } from './template';

/**
 * Branch conditions.
 *
 * Decisions (the branch node's contract):
 * - Text comparisons (equals, notEquals, startsWith, contains, lessThan, greaterThan, between) trim both sides
 *   and ignore case: callers, CRMs and speech recognisers disagree about "Gold" vs "gold ". lessThan,
 *   greaterThan and between compare text by UTF-16 code units after that folding (so "09:30" < "17:00").
 * - `matches` is the precise tool: the regex sees the raw value (no trimming, no case folding; write [Yy]es
 *   for either case). It ignores compareAs. The value is cut to 1,000 characters before matching, and a
 *   pattern `checkRegex` refuses never matches (design-time checks should use checkRegex too).
 * - startsWith and contains are text operations whatever compareAs says.
 * - Numbers: "1", "01", "1.0" and "1e0" are all 1. A value that is not a plain decimal number ('' included,
 *   though Number('') is 0) makes every numeric comparison false, and so notEquals true: notEquals is
 *   always the negation of equals.
 * - between is inclusive at both ends; the bounds may be given in either order.
 * - isEmpty: a missing variable, null or blank text.
 * - The condition's value and value2 are templates rendered as text, so `{{limit}}` compares variables.
 */

/** A branch condition as the branch node's strict schema accepts it. */
export type BranchCondition = z.infer<(typeof branch)['schema']>['conditions'][number];
/** What evaluating needs: the id and label only matter for picking a handle and for display. */
export type Condition = Omit<BranchCondition, 'id' | 'label'>;

/** Longest subject text a regex is run against; bounds the time one match can take. */
export const MATCH_INPUT_LIMIT = 1000;

export function evaluateCondition(cond: Condition, scope: Scope): { matched: boolean; actual: string } {
  const actual = resolveName(cond.subject.trim(), scope);
  return { matched: holds(cond, actual, scope), actual };
}

/** The first condition that matches decides; none matching takes the `else` handle (index -1). */
export function pickBranch(
  conditions: readonly (Condition & Pick<BranchCondition, 'id'>)[],
  scope: Scope,
): { handle: string; index: number; actual: string } {
  for (const [index, cond] of conditions.entries()) {
    const { matched, actual } = evaluateCondition(cond, scope);
    if (matched) return { handle: cond.id, index, actual };
  }
  return { handle: 'else', index: -1, actual: '' };
}

function holds(cond: Condition, actual: string, scope: Scope): boolean {
  const value = renderTemplate(cond.value, scope, 'text');
  switch (cond.operator) {
    case 'isEmpty':
      return actual.trim() === '';
    case 'matches':
      return matchesRegex(value, actual);
    case 'startsWith':
      return fold(actual).startsWith(fold(value));
    case 'contains':
      return fold(actual).includes(fold(value));
    case 'equals':
      return compare(cond.compareAs, actual, value) === 0;
    case 'notEquals':
      return compare(cond.compareAs, actual, value) !== 0;
    case 'lessThan':
      return lessThan(compare(cond.compareAs, actual, value));
    case 'greaterThan':
      return greaterThan(compare(cond.compareAs, actual, value));
    case 'between': {
      const value2 = renderTemplate(cond.value2, scope, 'text');
      const toLow = compare(cond.compareAs, actual, value);
      const toHigh = compare(cond.compareAs, actual, value2);
      if (toLow === null || toHigh === null) return false;
      // Inside when not strictly beyond both bounds on the same side, whichever bound is the lower.
      return !(toLow < 0 && toHigh < 0) && !(toLow > 0 && toHigh > 0);
    }
  }
}

function lessThan(order: number | null): boolean {
  return order !== null && order < 0;
}

function greaterThan(order: number | null): boolean {
  return order !== null && order > 0;
}

/** Sign of a − b, or null when a numeric comparison meets a value that is not a number. */
function compare(compareAs: Condition['compareAs'], a: string, b: string): number | null {
  switch (compareAs) {
    case 'number': {
      const x = toNumber(a);
      const y = toNumber(b);
      return x === null || y === null ? null : Math.sign(x - y);
    }
    case 'text': {
      const x = fold(a);
      const y = fold(b);
      return x === y ? 0 : x < y ? -1 : 1;
    }
  }
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A plain decimal number, or null. Refuses what Number() would turn into surprises: '', '0x1f', 'Infinity'. */
export function toNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

function fold(text: string): string {
  return text.trim().toLowerCase();
}

// Patterns come from the flow (and through templates possibly from call data), so the cache is bounded.
const REGEX_CACHE_LIMIT = 256;
const regexCache = new Map<string, RegExp | null>();

function compiled(source: string): RegExp | null {
  if (regexCache.has(source)) return regexCache.get(source) ?? null;
  const checked = checkRegex(source);
  const regex = checked.ok ? checked.regex : null;
  if (regexCache.size >= REGEX_CACHE_LIMIT) {
    const oldest = regexCache.keys().next();
    if (!oldest.done) regexCache.delete(oldest.value);
  }
  regexCache.set(source, regex);
  return regex;
}

function matchesRegex(source: string, actual: string): boolean {
  const regex = compiled(source);
  if (!regex) return false;
  // A shared regex with the g or y flag keeps lastIndex between calls; start every test from the beginning.
  regex.lastIndex = 0;
  return regex.test(actual.slice(0, MATCH_INPUT_LIMIT));
}

/**
 * Speech text reduced for phrase matching: NFKC, lower case, apostrophes dropped ("don't" → "dont"), any other
 * punctuation or symbol turned into a space ("sales/support" → "sales support"), spaces collapsed.
 */
export function normalizeSpeech(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

export type MenuChoice = Pick<z.infer<(typeof menu)['schema']>['choices'][number], 'id' | 'key' | 'phrases'>;

/**
 * The id of the choice the caller picked, or null. Keys win over speech and must equal the choice's key.
 * Speech results are tried in Vonage's order (most confident first); a result picks the choice whose phrase
 * it equals or contains as whole words, preferring the longest phrase, so "technical support" picks the
 * "technical support" choice over a "support" one; ties go to the earlier choice.
 */
export function matchChoice(
  choices: readonly MenuChoice[],
  input: { digits?: string; speech?: readonly string[] },
): string | null {
  if (input.digits) {
    const byKey = choices.find((c) => c.key !== '' && c.key === input.digits);
    if (byKey) return byKey.id;
  }
  for (const result of input.speech ?? []) {
    const said = ` ${normalizeSpeech(result)} `;
    let best: { id: string; length: number } | null = null;
    for (const choice of choices) {
      for (const phrase of choice.phrases) {
        const wanted = normalizeSpeech(phrase);
        if (wanted && said.includes(` ${wanted} `) && (!best || wanted.length > best.length)) {
          best = { id: choice.id, length: wanted.length };
        }
      }
    }
    if (best) return best.id;
  }
  return null;
}
