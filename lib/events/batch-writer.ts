import type { Db } from '@/db/client';
import type { WebhookEventRow } from '@/db/schema';
import { openGroupOf } from '@/lib/group-commit';
import { errorMessage, log } from '@/lib/log';
import { eventBus, type EventBus } from './bus';
import { recordEvent, storeEvent, type CorrelationMemo, type Recorded, type RecordDeps } from './record';
import type { EventInput } from './types';

/** At most this many events per transaction; a longer queue is committed in several. */
export const MAX_BATCH = 500;

type Pending = {
  input: EventInput;
  receivedAt: Date;
  bus: EventBus;
  resolve: (recorded: Recorded) => void;
  reject: (error: unknown) => void;
};

export type EventWriter = {
  /** Resolves once the event is committed (or found already stored); only then may the webhook answer 2xx. */
  write(deps: RecordDeps, input: EventInput): Promise<Recorded>;
};

/**
 * Group commit for webhook events. Every event that arrives during one turn of the event loop (under load,
 * every request Node parsed from its sockets in that turn) is written in one transaction, after the turn,
 * with the same storeEvent a single write uses (dedupe key, correlation, call effects). Each webhook is
 * answered only when its event's transaction has committed (WAL: durable across a crash of the process),
 * and the live streams hear of events only after that commit, as with recordEvents.
 */
export function createEventWriter(db: Db): EventWriter {
  let queue: Pending[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const queued = queue;
    queue = [];
    for (let start = 0; start < queued.length; start += MAX_BATCH) commit(queued.slice(start, start + MAX_BATCH));
  }

  function commit(batch: Pending[]): void {
    let results: (Recorded | { error: unknown })[];
    try {
      const memo: CorrelationMemo = new Map();
      results = db.transaction(() => batch.map((p) => storeEvent(db, p.input, p.receivedAt, memo)));
    } catch (error) {
      // One event that cannot be stored must not fail the others: retry each on its own.
      log.warn('events.batch_failed', { size: batch.length, message: errorMessage(error) });
      results = batch.map((p) => {
        try {
          return db.transaction(() => storeEvent(db, p.input, p.receivedAt));
        } catch (single) {
          return { error: single };
        }
      });
    }
    publish(batch, results);
    batch.forEach((p, i) => {
      const result = results[i];
      if ('error' in result) p.reject(result.error);
      else p.resolve(result);
    });
  }

  return {
    write(deps, input) {
      // Inside a group (the custom server's webhooks) the event joins it: the group's commit is the batch,
      // and the webhook is answered only after it.
      if (openGroupOf(db)) return Promise.resolve(recordEvent(deps, input));
      return new Promise<Recorded>((resolve, reject) => {
        queue.push({ input, receivedAt: deps.now(), bus: deps.bus ?? eventBus(), resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}

/** Hands the stored rows to their buses in order, after the commit. */
function publish(batch: readonly Pending[], results: readonly (Recorded | { error: unknown })[]): void {
  const byBus = new Map<EventBus, WebhookEventRow[]>();
  batch.forEach((p, i) => {
    const result = results[i];
    if ('error' in result || !result.row) return;
    const rows = byBus.get(p.bus) ?? [];
    rows.push(result.row);
    byBus.set(p.bus, rows);
  });
  for (const [bus, rows] of byBus) bus.publish(rows);
}

const KEY = Symbol.for('switchboard.event-writer');
type Holder = { [KEY]?: WeakMap<Db, EventWriter> };

/**
 * The writer of a database, one per process (Symbol.for on globalThis), so every module instance queues into
 * the same batches on the one connection. Next's route handlers (`npm run dev`) batch here; the custom
 * server's webhooks run inside its group commit, which events join directly (`write` above).
 */
export function eventWriter(db: Db): EventWriter {
  const holder = globalThis as Holder;
  const writers = (holder[KEY] ??= new WeakMap());
  let writer = writers.get(db);
  if (!writer) {
    writer = createEventWriter(db);
    writers.set(db, writer);
  }
  return writer;
}
