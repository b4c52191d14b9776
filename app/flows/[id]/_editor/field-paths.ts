import type { Field } from '@/lib/flow/fields';

export type Path = readonly (string | number)[];

export const pathKey = (path: Path) => path.join('.');

/** Reads a value at a path inside loosely-typed draft data. */
export function getIn(data: unknown, path: Path): unknown {
  let value = data;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

/** Returns a copy of `data` with `value` at `path`; `undefined` removes the key (an emptied optional field). */
export function setIn(data: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [step, ...rest] = path;
  if (typeof step === 'number') {
    const array = Array.isArray(data) ? [...data] : [];
    array[step] = setIn(array[step], rest, value);
    return array;
  }
  const object = data !== null && typeof data === 'object' && !Array.isArray(data) ? { ...(data as Record<string, unknown>) } : {};
  const next = setIn(object[step], rest, value);
  if (next === undefined) delete object[step];
  else object[step] = next;
  return object;
}

/** The first message for each issue path (zod reports the most basic problem first). */
export function issueMessages(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Map<string, string> {
  const messages = new Map<string, string>();
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    if (!messages.has(key)) messages.set(key, issue.message);
  }
  return messages;
}

/**
 * The message a field shows: its own path's, or for a field holding a list of plain values (strings,
 * weekdays) the first message about any of its entries, since entries have no inputs of their own.
 */
export function messageFor(field: Field, path: Path, messages: ReadonlyMap<string, string>): string | undefined {
  const key = pathKey(path);
  const own = messages.get(key);
  if (own || (field.type !== 'strings' && field.type !== 'multiselect')) return own;
  for (const [issuePath, message] of messages) if (issuePath.startsWith(`${key}.`)) return message;
  return undefined;
}

/** Issue paths some visible field will show, so the inspector can list the rest at the top. */
export function shownPaths(fields: readonly Field[], data: unknown, base: Path, messages: ReadonlyMap<string, string>): Set<string> {
  const shown = new Set<string>();
  const record = (data ?? {}) as Record<string, unknown>;
  for (const field of fields) {
    if (field.visible && !field.visible(record)) continue;
    const path = [...base, field.key];
    const key = pathKey(path);
    for (const issuePath of messages.keys()) {
      if (issuePath === key) shown.add(issuePath);
      else if ((field.type === 'strings' || field.type === 'multiselect') && issuePath.startsWith(`${key}.`)) shown.add(issuePath);
    }
    if (field.type === 'list') {
      const items = getIn(data, [field.key]);
      if (Array.isArray(items)) {
        items.forEach((item, i) => shownPaths(field.fields, item, [...path, i], messages).forEach((p) => shown.add(p)));
      }
    }
  }
  return shown;
}
