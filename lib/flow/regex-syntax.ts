/**
 * Just enough of JavaScript's regular-expression syntax for safe-regex.ts to reason about: character
 * sets as code-unit ranges and a parse tree of classes, groups, look-aheads, assertions and repeats.
 * Only patterns that already compiled (without flags) arrive here, Annex B leniencies included
 * (a lone `{` or `]` is a literal).
 */

// ── Character sets: sorted, disjoint, inclusive UTF-16 code-unit ranges ───────────────────────────

export type Ranges = readonly (readonly [number, number])[];

export function normalize(ranges: (readonly [number, number])[]): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(ranges: Ranges): Ranges {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= 0xffff) out.push([next, 0xffff]);
  return out;
}

export function overlaps(a: Ranges, b: Ranges): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i][1] < b[j][0]) i++;
    else if (b[j][1] < a[i][0]) j++;
    else return true;
  }
  return false;
}

const DIGIT: Ranges = [[48, 57]];
const WORD: Ranges = normalize([[48, 57], [65, 90], [95, 95], [97, 122]]);
const SPACE: Ranges = normalize([[9, 13], [32, 32], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]]);
const DOT: Ranges = complement(normalize([[10, 10], [13, 13], [0x2028, 0x2029]]));
const SIMPLE_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, v: 11, f: 12, '0': 0 };
const CLASS_ESCAPES: Record<string, Ranges> = { d: DIGIT, D: complement(DIGIT), w: WORD, W: complement(WORD), s: SPACE, S: complement(SPACE) };

// ── Parsing (the pattern already compiled, so only valid syntax, including Annex B leniency, arrives) ──

export type Seq = RegexNode[];
export type RegexNode =
  | { t: 'char'; set: Ranges }
  | { t: 'group'; alts: Seq[] }
  /** Look-ahead: zero width, and atomic in JavaScript, so it never multiplies the outer work. */
  | { t: 'look'; alts: Seq[] }
  /** ^ $ \b \B */
  | { t: 'edge' }
  | { t: 'repeat'; body: RegexNode; min: number; max: number; text: string };

/** A pattern the parser refuses outright; the message is shown to the user. */
export class Refused extends Error {}

/** Parses a pattern that `new RegExp` (no flags) already accepted into its alternatives. */
export function parse(src: string): Seq[] {
  let i = 0;
  const single = (code: number): RegexNode => ({ t: 'char', set: [[code, code]] });

  function charEscape(): number {
    const c = src[i++];
    // Annex B octal escapes (\012, or \1 inside a class) are rare and easy to misread: refuse them.
    if (/[0-9]/.test(c) && (c !== '0' || /[0-9]/.test(src[i] ?? ''))) {
      throw new Refused('Octal escapes such as \\012 are not supported; write \\x0A instead.');
    }
    if (c in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[c];
    const hex = c === 'x' ? /^[0-9a-fA-F]{2}/.exec(src.slice(i)) : c === 'u' ? /^[0-9a-fA-F]{4}/.exec(src.slice(i)) : null;
    if (hex) {
      i += hex[0].length;
      return parseInt(hex[0], 16);
    }
    if (c === 'c' && /[A-Za-z]/.test(src[i] ?? '')) return src.charCodeAt(i++) % 32;
    return c.charCodeAt(0);
  }

  function classAtom(): Ranges {
    if (src[i] !== '\\') {
      const code = src.charCodeAt(i++);
      return [[code, code]];
    }
    i++;
    if (src[i] in CLASS_ESCAPES) return CLASS_ESCAPES[src[i++]];
    if (src[i] === 'b') {
      // Inside a class \b is a backspace, not a word boundary.
      i++;
      return [[8, 8]];
    }
    const code = charEscape();
    return [[code, code]];
  }

  function charClass(): RegexNode {
    const negated = src[i] === '^';
    if (negated) i++;
    const parts: (readonly [number, number])[] = [];
    while (i < src.length && src[i] !== ']') {
      const from = classAtom();
      if (src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
        i++;
        const to = classAtom();
        // A range between two single characters; Annex B reads [\d-x] as \d, '-' and x.
        if (from.length === 1 && to.length === 1 && from[0][0] === from[0][1] && to[0][0] === to[0][1]) parts.push([from[0][0], to[0][0]]);
        else parts.push(...from, [45, 45], ...to);
      } else parts.push(...from);
    }
    i++;
    const set = normalize(parts);
    return { t: 'char', set: negated ? complement(set) : set };
  }

  function atom(): RegexNode {
    const c = src[i++];
    if (c === '.') return { t: 'char', set: DOT };
    if (c === '^' || c === '$') return { t: 'edge' };
    if (c === '[') return charClass();
    if (c === '(') {
      if (src.startsWith('?<=', i) || src.startsWith('?<!', i)) throw new Refused('Look-behind such as (?<=…) is not supported here; rewrite the pattern without it.');
      const look = src.startsWith('?=', i) || src.startsWith('?!', i);
      if (look || src.startsWith('?:', i)) i += 2;
      else if (src.startsWith('?<', i)) i = src.indexOf('>', i) + 1;
      const alts = alternatives();
      i++;
      return { t: look ? 'look' : 'group', alts };
    }
    if (c !== '\\') return single(c.charCodeAt(0));
    const e = src[i];
    if (e === 'b' || e === 'B' || e in CLASS_ESCAPES) i++;
    if (e === 'b' || e === 'B') return { t: 'edge' };
    if (e in CLASS_ESCAPES) return { t: 'char', set: CLASS_ESCAPES[e] };
    if (/[1-9]/.test(e) || (e === 'k' && src[i + 1] === '<')) {
      throw new Refused('Back-references such as \\1 are not allowed: they can make matching extremely slow.');
    }
    return single(charEscape());
  }

  function quantifier(): { min: number; max: number } | null {
    const c = src[i];
    const braces = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i)) : null;
    let q: { min: number; max: number } | null = null;
    if (c === '*' || c === '+' || c === '?') {
      i++;
      q = { min: c === '+' ? 1 : 0, max: c === '?' ? 1 : Infinity };
    } else if (braces) {
      i += braces[0].length;
      q = { min: Number(braces[1]), max: braces[2] === undefined ? Number(braces[1]) : braces[3] ? Number(braces[3]) : Infinity };
    }
    // Laziness changes which match is found first, not how many are tried when matching fails.
    if (q && src[i] === '?') i++;
    return q;
  }

  function alternatives(): Seq[] {
    const alts: Seq[] = [[]];
    while (i < src.length && src[i] !== ')') {
      if (src[i] === '|') {
        i++;
        alts.push([]);
        continue;
      }
      const start = i;
      const body = atom();
      const q = quantifier();
      alts[alts.length - 1].push(q ? { t: 'repeat', body, ...q, text: src.slice(start, i) } : body);
    }
    return alts;
  }

  return alternatives();
}
