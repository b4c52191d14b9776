/**
 * Checks a user's regular expression before Switchboard runs it against caller data, where one bad
 * pattern could freeze the call handler (catastrophic backtracking, "ReDoS").
 *
 * The pattern is compiled without flags (so the analysis can assume case-sensitive matching), then
 * parsed into a small tree and refused when:
 * - it is longer than MAX_LENGTH characters;
 * - it uses back-references (\1, \k<name>): they make matching NP-hard in general;
 * - it uses look-behind, which this analysis does not model;
 * - a part that repeats more than once (+, *, {2,}, {1,5}…) can match the same text in more than one
 *   way, because then a failing match tries every split of the input between iterations.
 *
 * The last check is conservative: a repeated group is accepted only when each iteration's length is
 * forced by the text. Inside it, a variable repeat is allowed only on a single character class (like
 * [a-z]+ or \d{1,3}) that is directly followed by a required character it cannot match (the next item,
 * wrapping round to the group's start), as in ([a-z]+\.)+ or (\d{1,3}\.){3}; that follower pins where
 * the repeat ends. Alternatives under a repeat must differ at some character position before either
 * ends (foo|bar, ab|ac) and contain no variable repeats. So (a+)+, (a*)*, (.*)*, (a|a)*, (a|ab)+,
 * (\w+\s?)+ and (a+x?)+ are refused, and a few safe but unusual patterns such as (a+b+x)+ are refused too.
 */
export const MAX_REGEX_LENGTH = 200;

export type RegexCheck = { ok: true; regex: RegExp } | { ok: false; reason: string };

/** Compiles a pattern if it is short, valid and cannot backtrack catastrophically. */
export function checkRegex(source: string): RegexCheck {
  if (source.length > MAX_REGEX_LENGTH) return { ok: false, reason: `Keep the pattern to ${MAX_REGEX_LENGTH} characters or fewer.` };
  let regex: RegExp;
  try {
    regex = new RegExp(source);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    return { ok: false, reason: `This is not a valid pattern (${detail}).` };
  }
  try {
    const reason = unsafeIn(parse(source));
    return reason ? { ok: false, reason } : { ok: true, regex };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.message };
    throw error;
  }
}

// ── Character sets: sorted, disjoint, inclusive UTF-16 code-unit ranges ───────────────────────────

type Ranges = readonly (readonly [number, number])[];

function normalize(ranges: (readonly [number, number])[]): Ranges {
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

function overlaps(a: Ranges, b: Ranges): boolean {
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
const CLASS_ESCAPES: Record<string, Ranges> = { d: DIGIT, D: complement(DIGIT), w: WORD, W: complement(WORD), s: SPACE, S: complement(SPACE) };

// ── Parsing (the pattern already compiled, so only valid syntax, including Annex B leniency, arrives) ──

type Seq = RegexNode[];
type RegexNode =
  | { t: 'char'; set: Ranges }
  | { t: 'group'; alts: Seq[] }
  /** Look-ahead: zero width, and atomic in JavaScript, so it never multiplies the outer work. */
  | { t: 'look'; alts: Seq[] }
  /** ^ $ \b \B */
  | { t: 'edge' }
  | { t: 'repeat'; body: RegexNode; min: number; max: number; text: string };

class Refused extends Error {}

function parse(src: string): Seq[] {
  let i = 0;
  const single = (code: number): RegexNode => ({ t: 'char', set: [[code, code]] });

  function charEscape(): number {
    const c = src[i++];
    // Annex B octal escapes (\012, or \1 inside a class) are rare and easy to misread: refuse them.
    if (/[0-9]/.test(c) && (c !== '0' || /[0-9]/.test(src[i] ?? ''))) {
      throw new Refused('Octal escapes such as \\012 are not supported; write \\x0A instead.');
    }
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, v: 11, f: 12, '0': 0 };
    if (c in simple) return simple[c];
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
    if (src[i] === 'b') return (i++, [[8, 8]]);
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
    if (e === 'b' || e === 'B') return (i++, { t: 'edge' });
    if (e in CLASS_ESCAPES) return (i++, { t: 'char', set: CLASS_ESCAPES[e] });
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

// ── Analysis ─────────────────────────────────────────────────────────────────────────────────────

const consumes = (node: RegexNode) => node.t !== 'edge' && node.t !== 'look';
const nested = (text: string) =>
  `The part “${text}” repeats something that can itself match the same text in several ways (like (a+)+), which can freeze the call on some inputs. Simplify it, or end each repeat with a character it cannot match, as in ([a-z]+\\.)+.`;
const overlapping = (text: string) =>
  `The part “${text}” repeats alternatives that can start with the same text (like (a|ab)+), which can freeze the call on some inputs. Make the alternatives start differently.`;

/** Non-repeated single-alternative groups add nothing to matching, so their items are spliced in. */
function flatten(seq: Seq): Seq {
  return seq.flatMap((node) => (node.t === 'group' && node.alts.length === 1 ? flatten(node.alts[0]) : [node]));
}

/**
 * The characters a node matches when it always matches exactly one: a class, or a group of one-character
 * alternatives that never overlap ((1|2|3) is [123], but (a|a) is two ways to match "a").
 */
function charSet(node: RegexNode): Ranges | null {
  if (node.t === 'char') return node.set;
  if (node.t !== 'group') return null;
  const sets: Ranges[] = [];
  for (const alt of node.alts) {
    const items = flatten(alt);
    const set = items.length === 1 ? charSet(items[0]) : null;
    if (!set || sets.some((other) => overlaps(other, set))) return null;
    sets.push(set);
  }
  return normalize(sets.flat());
}

function hasVariableRepeat(seq: Seq): boolean {
  return seq.some((node) =>
    node.t === 'repeat'
      ? node.min !== node.max || hasVariableRepeat([node.body])
      : node.t === 'group' || node.t === 'look'
        ? node.alts.some(hasVariableRepeat)
        : false,
  );
}

/** The character set at each position of an alternative, up to the first item of unknown width (null). */
function positions(seq: Seq): (Ranges | null)[] {
  return flatten(seq)
    .filter(consumes)
    .flatMap((node) => {
      const set = charSet(node);
      if (set) return [set];
      if (node.t !== 'repeat' || node.min !== node.max) return [null];
      const body = charSet(node.body);
      return body ? Array<Ranges>(Math.min(node.min, MAX_REGEX_LENGTH)).fill(body) : [null];
    });
}

/** Whether two alternatives must differ at some character before either ends (so no text fits both). */
function distinguishable(a: Seq, b: Seq): boolean {
  const [pa, pb] = [positions(a), positions(b)];
  for (let k = 0; k < Math.min(pa.length, pb.length); k++) {
    const [x, y] = [pa[k], pb[k]];
    if (!x || !y) return false;
    if (!overlaps(x, y)) return true;
  }
  return false;
}

/** Why a group repeated more than once could match one text in several ways, or null when it cannot. */
function ambiguousBody(body: RegexNode, text: string): string | null {
  if (body.t !== 'group' || charSet(body)) return null;
  if (body.alts.length > 1) {
    if (body.alts.some(hasVariableRepeat)) return nested(text);
    for (let x = 0; x < body.alts.length; x++) {
      for (let y = x + 1; y < body.alts.length; y++) if (!distinguishable(body.alts[x], body.alts[y])) return overlapping(text);
    }
    return null;
  }
  const consuming = flatten(body.alts[0]).filter(consumes);
  for (const [k, item] of consuming.entries()) {
    const fixed = item.t !== 'repeat' || item.min === item.max;
    if (fixed) {
      const reason = ambiguousBody(item.t === 'repeat' ? item.body : item, text);
      if (reason) return reason;
      continue;
    }
    const set = charSet(item.body);
    // The item after this one, wrapping round to the start because the group runs again: a character the
    // repeat cannot match pins where the repeat ends, so each iteration splits the text one way only.
    const follower = consuming[(k + 1) % consuming.length];
    const pinned =
      follower.t !== 'repeat' ? charSet(follower) : follower.min === follower.max && follower.min > 0 ? charSet(follower.body) : null;
    if (!set || follower === item || !pinned || overlaps(pinned, set)) return nested(text);
  }
  return null;
}

/** The first reason a parsed pattern is unsafe, looking at every repeat at every depth. */
function unsafeIn(alts: Seq[]): string | null {
  for (const node of alts.flat()) {
    const reason =
      node.t === 'repeat'
        ? (node.max > 1 ? ambiguousBody(node.body, node.text) : null) ?? unsafeIn([[node.body]])
        : node.t === 'group' || node.t === 'look'
          ? unsafeIn(node.alts)
          : null;
    if (reason) return reason;
  }
  return null;
}
