import type { Db } from '@/db/client';
import { errorMessage, log } from '@/lib/log';
import type { EventBus } from './bus';
import { rowsWithIds } from './list';

/**
 * The server's webhook worker records the webhooks' events and its Next worker serves the live streams, each
 * thread with its own bus (app/_server/main.ts). Only the ids of the stored rows cross between them (a trace
 * row's one id for all its steps), with the flow each belongs to: copying whole rows to the Next worker cost the
 * webhook thread more than storing them, and the Next worker has the same database to read them from, which it
 * does only for the rows someone is watching: an editor open on one flow does not have the Next worker read back
 * every call of every other line.
 */

/** A committed row as it crosses: its id, and its flow (which streams filter on). */
export type EventRef = { id: number; flowId: string | null };

/**
 * Passes the ids of every event a bus publishes on to `post`, gathered per microtask: one message for all the
 * events a group commit publishes together. Returns the unsubscribe.
 */
export function forwardEventIds(bus: EventBus, post: (refs: EventRef[]) => void): () => void {
  let pending: EventRef[] = [];
  return bus.subscribe((event) => {
    if (pending.length === 0) {
      queueMicrotask(() => {
        const batch = pending;
        pending = [];
        post(batch);
      });
    }
    pending.push({ id: event.id, flowId: event.flowId });
  });
}

/** The receiving side: publishes the committed rows some subscriber wants, read back from the database, in order. */
export function publishEventIds(db: Db, bus: EventBus, refs: readonly EventRef[]): void {
  // Nobody streaming these flows: the rows are in the database for whoever connects later.
  const ids = refs.flatMap((ref) => (bus.wantsFlow(ref.flowId) ? [ref.id] : []));
  if (ids.length === 0) return;
  let rows;
  try {
    rows = rowsWithIds(db, ids);
  } catch (error) {
    // The rows are stored (the event log shows them when it is opened again); the live streams go on without them.
    // Thrown from the message that brought the ids, the error would end the Next worker, and the server with it.
    log.warn('events.bridge_failed', { events: ids.length, message: errorMessage(error) });
    return;
  }
  bus.publish(rows);
}
