import type { Snapshot } from './types';

/**
 * Structural equality for JSON-like values: arrays compare in order, objects by their keys in any
 * order. A key holding `undefined` counts as absent, because snapshots travel as JSON (autosave,
 * drafts, the clipboard) and JSON drops such keys; an edit that only adds one is not a change.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  const left = definedKeys(a);
  const right = definedKeys(b);
  if (left.length !== right.length) return false;
  return left.every((key) => Object.hasOwn(b, key) && deepEqual(a[key as keyof typeof a], b[key as keyof typeof b]));
}

function definedKeys(value: object): string[] {
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
}

export function snapshotsEqual(a: Snapshot, b: Snapshot): boolean {
  return a === b || deepEqual(a, b);
}
