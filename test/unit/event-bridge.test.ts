import { describe, expect, it } from 'vitest';
import type { WebhookEventRow } from '@/db/schema';
import { forwardEvents } from '@/lib/events/bridge';
import { createEventBus } from '@/lib/events/bus';

const row = (id: number) => ({ id }) as unknown as WebhookEventRow;

describe('forwarding a bus to another thread', () => {
  it('posts the events of one publish together, in order, once', async () => {
    const bus = createEventBus();
    const posted: number[][] = [];
    forwardEvents(bus, (events) => posted.push(events.map((event) => event.id)));
    bus.publish([row(1), row(2)]);
    bus.publish([row(3)]);
    expect(posted).toEqual([]);
    await Promise.resolve();
    expect(posted).toEqual([[1, 2, 3]]);
    bus.publish([row(4)]);
    await Promise.resolve();
    expect(posted).toEqual([[1, 2, 3], [4]]);
  });

  it('stops when unsubscribed', async () => {
    const bus = createEventBus();
    const posted: WebhookEventRow[][] = [];
    const stop = forwardEvents(bus, (events) => posted.push(events));
    stop();
    bus.publish([row(1)]);
    await Promise.resolve();
    expect(posted).toEqual([]);
    expect(bus.size()).toBe(0);
  });
});
