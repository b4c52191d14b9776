/**
 * Checks a user's regular expression before Switchboard runs it against caller data, where one bad
 * pattern could freeze the call handler (catastrophic backtracking, "ReDoS").
 *
 * The pattern is compiled without flags (so the analysis can assume case-sensitive matching), then
 * parsed into a small tree and refused when:
 * - it is longer than MAX_REGEX_LENGTH characters;
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
 *
 * Adjacent repeats outside any repeated group (\d*\d*x) cost polynomial, not exponential, time; with
 * patterns capped at 200 characters and short call data they are left alone.
 */
import { normalize, overlaps, parse, Refused, type Ranges, type RegexNode, type Seq } from './regex-syntax';

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
