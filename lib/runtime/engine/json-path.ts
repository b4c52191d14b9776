import type { VarValue } from './types';

/**
 * The value at a dot path in parsed JSON (`customer.tier`, `items.0.name`), as a variable value: scalars
 * as they are, objects and arrays as JSON text, undefined when the path leads nowhere. Only own properties
 * are read, so a path like `__proto__.x` finds nothing.
 */
export function valueAtPath(json: unknown, path: string): VarValue | undefined {
  let at: unknown = json;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  if (at === null || typeof at === 'string' || typeof at === 'number' || typeof at === 'boolean') return at;
  return at === undefined ? undefined : JSON.stringify(at);
}
