import { useSyncExternalStore } from 'react';
import type { PathHighlight } from '@/lib/events/path';

/**
 * What the canvas lights for the one call being replayed (null: nothing). One per page, outside the editor
 * store because it is not part of the flow: no undo, never saved. The event log's timeline writes it and
 * the canvas reads it.
 */
let current: PathHighlight | null = null;
const listeners = new Set<() => void>();

export function setCallHighlight(highlight: PathHighlight | null): void {
  current = highlight;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function useCallHighlight(): PathHighlight | null {
  return useSyncExternalStore(subscribe, () => current, () => null);
}
