import { deepEqual } from '@/lib/editor/equal';
import type { ConnectAction, NccoAction } from '@/lib/ncco';

/** One field of an action that differs: a dot path into the action (`endpoint.0.number`), old → new. */
export type NccoChange = { path: string; before: unknown; after: unknown };

/**
 * One line of "what a caller hears differently", in the order the call runs: actions kept as they were,
 * added, removed, or changed in place (same action, different settings).
 */
export type NccoLine =
  | { type: 'same'; summary: string; action: NccoAction }
  | { type: 'added'; summary: string; action: NccoAction }
  | { type: 'removed'; summary: string; action: NccoAction }
  | { type: 'changed'; summary: string; before: NccoAction; after: NccoAction; changes: NccoChange[] };

/** An action in the words of a call: what the caller hears or what happens to them. */
export function describeAction(action: NccoAction): string {
  switch (action.action) {
    case 'talk':
      return `Says “${action.text}”`;
    case 'stream':
      return `Plays ${action.streamUrl[0]}`;
    case 'input':
      return `Listens for ${action.type.map((t) => (t === 'dtmf' ? 'keys' : 'speech')).join(' or ')}`;
    case 'record':
      return 'Records the caller';
    case 'connect':
      return `Connects to ${endpointWords(action.endpoint[0])}`;
    case 'conversation':
      return `Joins the conference “${action.name}”`;
    case 'notify':
      return `Notifies ${action.eventUrl[0]}`;
    case 'wait':
      return `Waits ${action.timeout ?? 10} s`;
    case 'transfer':
      return `Moves to the conversation ${action.conversationId}`;
    default:
      return exhaustive(action);
  }
}

function endpointWords(endpoint: ConnectAction['endpoint'][number]): string {
  switch (endpoint.type) {
    case 'phone':
      return endpoint.number;
    case 'app':
      return `the app user ${endpoint.user}`;
    case 'sip':
      return endpoint.uri ?? `sip:${endpoint.user}@${endpoint.domain}`;
    case 'websocket':
      return endpoint.uri;
    case 'vbc':
      return `extension ${endpoint.extension}`;
    default:
      return exhaustive(endpoint);
  }
}

/**
 * The action-level difference between two NCCOs (the same call on two versions): a longest common
 * subsequence of identical actions, then, between those, a removed and an added action of the same kind
 * are paired as one change, since that is how a caller experiences an edited prompt.
 */
export function nccoDiff(before: readonly NccoAction[], after: readonly NccoAction[]): NccoLine[] {
  const lengths = lcsTable(before, after);
  const lines: NccoLine[] = [];
  let removed: NccoAction[] = [];
  let added: NccoAction[] = [];
  const flush = () => {
    lines.push(...pairUp(removed, added));
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && deepEqual(before[i], after[j])) {
      flush();
      lines.push({ type: 'same', summary: describeAction(after[j]), action: after[j] });
      i += 1;
      j += 1;
    } else if (j < after.length && (i === before.length || lengths[i][j + 1] >= lengths[i + 1][j])) {
      added.push(after[j]);
      j += 1;
    } else {
      removed.push(before[i]);
      i += 1;
    }
  }
  flush();
  return lines;
}

/** lengths[i][j] = the longest common subsequence of before[i..] and after[j..]. */
function lcsTable(before: readonly NccoAction[], after: readonly NccoAction[]): number[][] {
  const lengths = Array.from({ length: before.length + 1 }, () => new Array<number>(after.length + 1).fill(0));
  for (let i = before.length - 1; i >= 0; i -= 1) {
    for (let j = after.length - 1; j >= 0; j -= 1) {
      lengths[i][j] = deepEqual(before[i], after[j]) ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  return lengths;
}

/** Removed actions first (they no longer happen), then the new ones in call order, each paired with an old one of its kind. */
function pairUp(removed: NccoAction[], added: NccoAction[]): NccoLine[] {
  const unpaired = [...removed];
  const lines = added.map((action): NccoLine => {
    const match = unpaired.findIndex((old) => old.action === action.action);
    if (match < 0) return { type: 'added', summary: describeAction(action), action };
    const [old] = unpaired.splice(match, 1);
    return { type: 'changed', summary: describeAction(action), before: old, after: action, changes: valueChanges(old, action, []) };
  });
  return [...unpaired.map((action): NccoLine => ({ type: 'removed', summary: describeAction(action), action })), ...lines];
}

function valueChanges(before: unknown, after: unknown, path: string[]): NccoChange[] {
  if (deepEqual(before, after)) return [];
  const bothObjects = typeof before === 'object' && before !== null && typeof after === 'object' && after !== null;
  if (bothObjects && Array.isArray(before) === Array.isArray(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => valueChanges((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], [...path, key]));
  }
  return [{ path: path.join('.'), before, after }];
}

function exhaustive(value: never): never {
  throw new Error(`Unknown NCCO action ${JSON.stringify(value)}`);
}
