import type { Db } from '@/db/client';
import type { EventBus } from './bus';
import { rowsWithIds } from './list';

/**
 * The server's main thread records the webhooks' events and its Next worker serves the live streams, each
 * thread with its own bus (app/_server/main.ts). Only the ids of the stored rows cross between them (a trace
 * row's one id for all its steps): copying whole rows to the worker cost the webhook thread more than storing
 * them, and the worker has the same database to read them from, which it does only while someone is watching.
 */

/**
 * Passes the ids of every event a bus publishes on to `post`, gathered per microtask: one message for all the
 * events a group commit publishes together. Returns the unsubscribe.
 */
export function forwardEventIds(bus: EventBus, post: (ids: number[]) => void): () => void {
  let pending: number[] = [];
  return bus.subscribe((event) => {
    if (pending.length === 0) {
      queueMicrotask(() => {
        const batch = pending;
        pending = [];
        post(batch);
      });
    }
    pending.push(event.id);
  });
}

/** The receiving side: publishes the committed rows the ids name, read back from the database, in order. */
export function publishEventIds(db: Db, bus: EventBus, ids: readonly number[]): void {
  // Nobody streaming: the rows are in the database for whoever connects later.
  if (bus.size() === 0 || ids.length === 0) return;
  bus.publish(rowsWithIds(db, ids));
}
