import type { Db } from '@/db/client';
import { webhookEvents, type WebhookEventRow } from '@/db/schema';
import { applyCallEffect } from '@/lib/calls/facts';
import { eventBus, type EventBus } from './bus';
import { correlate } from './correlate';
import type { EventInput } from './types';

export type RecordDeps = { db: Db; now: () => Date; bus?: EventBus };

/** `row` is the stored event, or null when this delivery repeated one already stored (a Vonage retry). */
export type Recorded = { stored: boolean; row: WebhookEventRow | null };

/**
 * Appends events to the log in one transaction: each is correlated with its call, stored unless its
 * dedupe key is already there, and its effect applied to the call. Only after the commit do the live
 * streams hear of them, so a stream never shows an event the database does not hold.
 */
export function recordEvents(deps: RecordDeps, inputs: readonly EventInput[]): Recorded[] {
  const { db } = deps;
  const now = deps.now();
  const results = db.transaction(() => inputs.map((input) => storeEvent(db, input, now)));
  const stored = results.flatMap((result) => (result.row ? [result.row] : []));
  if (stored.length > 0) {
    const bus = deps.bus ?? eventBus();
    // Inside a caller's transaction the commit comes when that transaction returns (synchronously).
    if (db.$client.inTransaction) queueMicrotask(() => bus.publish(stored));
    else bus.publish(stored);
  }
  return results;
}

export function recordEvent(deps: RecordDeps, input: EventInput): Recorded {
  return recordEvents(deps, [input])[0];
}

/** Stores one event (unless its dedupe key is already stored) and applies its effect; call inside a transaction. */
export function storeEvent(db: Db, input: EventInput, now: Date): Recorded {
  const { callUuid, call, flowId, simulated } = correlate(db, input);
  const row = db
    .insert(webhookEvents)
    .values({
      source: input.source,
      type: input.type,
      callUuid,
      legUuid: input.legUuid ?? null,
      conversationUuid: input.conversationUuid ?? call?.conversationUuid ?? null,
      flowId,
      nodeId: input.nodeId ?? null,
      status: input.status,
      simulated,
      dedupeKey: input.dedupeKey,
      payload: input.payload,
      parsedOk: input.parsedOk,
      problem: input.problem,
      receivedAt: now,
    })
    .onConflictDoNothing({ target: webhookEvents.dedupeKey })
    .returning()
    .get();
  if (!row) return { stored: false, row: null };
  if (call && input.effect) applyCallEffect(db, call.uuid, input.effect, now);
  return { stored: true, row };
}
