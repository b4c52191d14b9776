import { and, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { calls, recordings, webhookEvents } from '@/db/schema';
import { errorMessage, log } from '@/lib/log';

/** Rows per table per transaction: each batch holds the write lock for milliseconds, not seconds. */
export const RETENTION_BATCH = 500;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The first run waits a little, so a restart does not start with a burst of deletes. */
const FIRST_RUN_DELAY_MS = 60_000;

export type Pruned = { events: number; calls: number; recordings: number };

/**
 * Deletes up to `batch` of each: events and recordings received before `cutoff`, and calls started and
 * last active before it (their continuations and search rows go with them). One short transaction.
 */
export function pruneBatch(db: Db, cutoff: Date, batch = RETENTION_BATCH): Pruned {
  return db.transaction(() => {
    const events = db
      .delete(webhookEvents)
      .where(sql`${webhookEvents.id} IN (SELECT ${webhookEvents.id} FROM ${webhookEvents} WHERE ${webhookEvents.receivedAt} < ${cutoff.getTime()} ORDER BY ${webhookEvents.receivedAt} LIMIT ${batch})`)
      .run().changes;
    const oldCalls = db
      .select({ uuid: calls.uuid })
      .from(calls)
      .where(and(lt(calls.startedAt, cutoff), lt(calls.updatedAt, cutoff)))
      .orderBy(calls.startedAt)
      .limit(batch)
      .all()
      .map((row) => row.uuid);
    const callsDeleted = oldCalls.length === 0 ? 0 : db.delete(calls).where(inArray(calls.uuid, oldCalls)).run().changes;
    const recordingsDeleted = db
      .delete(recordings)
      .where(sql`${recordings.id} IN (SELECT ${recordings.id} FROM ${recordings} WHERE ${recordings.receivedAt} < ${cutoff.getTime()} ORDER BY ${recordings.receivedAt} LIMIT ${batch})`)
      .run().changes;
    return { events, calls: callsDeleted, recordings: recordingsDeleted };
  });
}

export type PruneOptions = {
  batch?: number;
  /** Runs between batches; by default it yields to the event loop so waiting webhooks go first. */
  pause?: () => Promise<void>;
  onBatch?: (pruned: Pruned) => void;
};

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Prunes everything older than `cutoff`, batch by batch, until a batch finds nothing left. */
export async function pruneOlderThan(db: Db, cutoff: Date, options: PruneOptions = {}): Promise<Pruned> {
  const total: Pruned = { events: 0, calls: 0, recordings: 0 };
  for (;;) {
    const pruned = pruneBatch(db, cutoff, options.batch);
    options.onBatch?.(pruned);
    total.events += pruned.events;
    total.calls += pruned.calls;
    total.recordings += pruned.recordings;
    if (pruned.events + pruned.calls + pruned.recordings === 0) return total;
    await (options.pause ?? yieldToEventLoop)();
  }
}

export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * Prunes on a schedule (hourly, first a minute after start). The timers are unref'd so they never keep
 * the process alive, and a run never overlaps the previous one.
 */
export function startRetention(db: Db, days: number, now: () => Date = () => new Date()): { stop: () => void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const pruned = await pruneOlderThan(db, retentionCutoff(now(), days));
      if (pruned.events + pruned.calls + pruned.recordings > 0) log.info('retention.pruned', { days, ...pruned });
    } catch (error) {
      log.error('retention.failed', { message: errorMessage(error) });
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, FIRST_RUN_DELAY_MS);
  const every = setInterval(run, HOUR_MS);
  first.unref();
  every.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
