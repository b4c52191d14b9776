import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import type { WebhookEventRow } from '@/db/schema';
import { forwardEventIds, publishEventIds, type EventRef } from '@/lib/events/bridge';
import { createEventBus } from '@/lib/events/bus';
import { recordEvents } from '@/lib/events/record';
import type { EventInput } from '@/lib/events/types';
import { createTestDb } from '../helpers/db';
import { seedLine } from '../helpers/seed';

/*
 * The bridge between the server's threads: the webhook worker posts the ids and flows of the events it
 * committed, and the Next worker reads back from the database the rows its live streams listen for.
 */

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

/** A leg ringing, on a number (whose line's flow the event then belongs to) or none. */
const ringing = (leg: string, calledNumber: string | null = null): EventInput => ({ source: 'voice', type: 'voice:ringing', legUuid: leg, calledNumber, conversationUuid: null, status: 'ringing', dedupeKey: null, payload: '{}', parsedOk: true, problem: null });
/** Stores events through the real recorder, on a bus nobody else listens to; returns their rows. */
const storeInputs = (inputs: EventInput[]): WebhookEventRow[] => recordEvents({ db, now: () => new Date(), bus: createEventBus() }, inputs).map((result) => result.row!);
const store = (legs: string[]): WebhookEventRow[] => storeInputs(legs.map((leg) => ringing(leg)));
const refsOf = (rows: WebhookEventRow[]): EventRef[] => rows.map((row) => ({ id: row.id, flowId: row.flowId }));

describe('posting ids from the webhook worker', () => {
  it('posts the ids and flows of one publish together, in order, once', async () => {
    const bus = createEventBus();
    const posted: EventRef[][] = [];
    forwardEventIds(bus, (refs) => posted.push(refs));
    const { flowId } = seedLine(db, 'business-hours', '447700900001');
    const [a, b, c, d] = storeInputs([ringing('a', '447700900001'), ringing('b'), ringing('c'), ringing('d')]);
    bus.publish([a, b]);
    bus.publish([c]);
    expect(posted).toEqual([]);
    await Promise.resolve();
    expect(posted).toEqual([[{ id: a.id, flowId }, { id: b.id, flowId: null }, { id: c.id, flowId: null }]]);
    bus.publish([d]);
    await Promise.resolve();
    expect(posted).toEqual([refsOf([a, b, c]), refsOf([d])]);
  });

  it('stops when unsubscribed', async () => {
    const bus = createEventBus();
    const posted: EventRef[][] = [];
    forwardEventIds(bus, (refs) => posted.push(refs))();
    bus.publish(store(['a']));
    await Promise.resolve();
    expect(posted).toEqual([]);
    expect(bus.size()).toBe(0);
  });
});

describe('publishing them on the Next worker', () => {
  it('publishes exactly the rows named, read back whole and oldest first', () => {
    const rows = store(['a', 'b', 'c', 'd']);
    const bus = createEventBus();
    const heard: WebhookEventRow[] = [];
    bus.subscribe((event) => heard.push(event));
    // Out of order and with a gap: 'b' is another thread's own event, published there already.
    publishEventIds(db, bus, refsOf([rows[3], rows[0], rows[2]]));
    expect(heard).toEqual([rows[0], rows[2], rows[3]]);
  });

  it('reads only the rows of the flows someone listens for, and every row for a listener without a flow', () => {
    const sales = seedLine(db, 'business-hours', '447700900001').flowId;
    seedLine(db, 'business-hours', '447700900002');
    const rows = storeInputs([ringing('a', '447700900001'), ringing('b', '447700900002'), ringing('c'), ringing('d', '447700900001')]);
    const bus = createEventBus();
    const heard: WebhookEventRow[] = [];
    const stop = bus.subscribe((event) => heard.push(event), { flowId: sales });
    expect([bus.wantsFlow(sales), bus.wantsFlow(rows[1].flowId), bus.wantsFlow(null)]).toEqual([true, false, false]);
    publishEventIds(db, bus, refsOf(rows));
    expect(heard).toEqual([rows[0], rows[3]]);
    stop();
    const all: WebhookEventRow[] = [];
    bus.subscribe((event) => all.push(event));
    publishEventIds(db, bus, refsOf(rows));
    expect(all).toEqual(rows);
  });

  it('reads nothing while nobody listens, and nothing for no ids', () => {
    const [row] = store(['a']);
    const bus = createEventBus();
    // A closed database fails any read (logged as events.bridge_failed): neither call may touch it.
    db.$client.close();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    publishEventIds(db, bus, refsOf([row]));
    const heard: WebhookEventRow[] = [];
    bus.subscribe((event) => heard.push(event));
    publishEventIds(db, bus, []);
    expect(heard).toEqual([]);
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });

  it('logs a read that fails rather than throwing it at the thread, and publishes nothing', () => {
    const [row] = store(['a']);
    const bus = createEventBus();
    const heard: WebhookEventRow[] = [];
    bus.subscribe((event) => heard.push(event));
    db.$client.close();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => publishEventIds(db, bus, refsOf([row]))).not.toThrow();
    expect(heard).toEqual([]);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('"event":"events.bridge_failed"'));
    logged.mockRestore();
  });
});
