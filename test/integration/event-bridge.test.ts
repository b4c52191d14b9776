import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import type { WebhookEventRow } from '@/db/schema';
import { forwardEventIds, publishEventIds } from '@/lib/events/bridge';
import { createEventBus } from '@/lib/events/bus';
import { recordEvents } from '@/lib/events/record';
import type { EventInput } from '@/lib/events/types';
import { createTestDb } from '../helpers/db';

/*
 * The bridge between the server's threads: the main thread posts the ids of the events it committed, and the
 * Next worker reads those rows back from the database for its live streams.
 */

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const ringing = (leg: string): EventInput => ({ source: 'voice', type: 'voice:ringing', legUuid: leg, conversationUuid: null, status: 'ringing', dedupeKey: null, payload: '{}', parsedOk: true, problem: null });
/** Stores events through the real recorder, on a bus nobody else listens to; returns their rows. */
const store = (legs: string[]): WebhookEventRow[] => recordEvents({ db, now: () => new Date(), bus: createEventBus() }, legs.map(ringing)).map((result) => result.row!);

describe('posting ids from the main thread', () => {
  it('posts the ids of one publish together, in order, once', async () => {
    const bus = createEventBus();
    const posted: number[][] = [];
    forwardEventIds(bus, (ids) => posted.push(ids));
    const [a, b, c, d] = store(['a', 'b', 'c', 'd']);
    bus.publish([a, b]);
    bus.publish([c]);
    expect(posted).toEqual([]);
    await Promise.resolve();
    expect(posted).toEqual([[a.id, b.id, c.id]]);
    bus.publish([d]);
    await Promise.resolve();
    expect(posted).toEqual([[a.id, b.id, c.id], [d.id]]);
  });

  it('stops when unsubscribed', async () => {
    const bus = createEventBus();
    const posted: number[][] = [];
    forwardEventIds(bus, (ids) => posted.push(ids))();
    bus.publish(store(['a']));
    await Promise.resolve();
    expect(posted).toEqual([]);
    expect(bus.size()).toBe(0);
  });
});

describe('publishing them on the worker', () => {
  it('publishes exactly the rows named, read back whole and oldest first', () => {
    const rows = store(['a', 'b', 'c', 'd']);
    const bus = createEventBus();
    const heard: WebhookEventRow[] = [];
    bus.subscribe((event) => heard.push(event));
    // Out of order and with a gap: 'b' is another thread's own event, published there already.
    publishEventIds(db, bus, [rows[3].id, rows[0].id, rows[2].id]);
    expect(heard).toEqual([rows[0], rows[2], rows[3]]);
  });

  it('reads nothing while nobody listens, and nothing for no ids', () => {
    const [row] = store(['a']);
    const bus = createEventBus();
    // A closed database would throw on any read: neither call may touch it.
    db.$client.close();
    expect(() => publishEventIds(db, bus, [row.id])).not.toThrow();
    const heard: WebhookEventRow[] = [];
    bus.subscribe((event) => heard.push(event));
    expect(() => publishEventIds(db, bus, [])).not.toThrow();
    expect(heard).toEqual([]);
  });
});
