import { setOwn } from '@/lib/own-field';
import type { CallState } from './types';

/**
 * The walk's own copy of a call's state, which it may then change in place: a deep copy of plain data
 * (CallStateSchema: objects, arrays and primitives; an own property set to undefined stays). structuredClone
 * did the same for about 5 µs a webhook, about 6% of the webhook thread's time per answer.
 */
export function copyState(state: CallState): CallState {
  return copyPlain(state);
}

function copyPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(copy, key, copyPlain((value as Record<string, unknown>)[key]));
  return copy as T;
}
