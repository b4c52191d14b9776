import type { WebhookEventRow } from '@/db/schema';
import { errorMessage, log } from '@/lib/log';

export type EventListener = (event: WebhookEventRow) => void;

/** What a subscriber listens for: one flow's events, or (no flow) every event. */
export type EventInterest = { flowId?: string };

export type EventBus = {
  /**
   * Hands stored rows to every subscriber, in order. Call only after the rows are committed. A trace row is
   * one row here: a subscriber that shows events reads it as its steps (`expandEvent`, trace-row.ts), and one
   * that only passes ids on pays nothing for the steps.
   */
  publish(events: readonly WebhookEventRow[]): void;
  /**
   * Returns the unsubscribe function. The listener still hears every event; `interest` only tells publishers
   * which rows are worth reading for it (`wantsFlow`).
   */
  subscribe(listener: EventListener, interest?: EventInterest): () => void;
  size(): number;
  /** Whether any subscriber listens for this flow's events (one without a flow listens for every flow's). */
  wantsFlow(flowId: string | null): boolean;
};

type Subscription = { listener: EventListener; flowId: string | undefined };

/** A bus of its own (tests); the server uses `eventBus()`. */
export function createEventBus(): EventBus {
  const subscriptions = new Set<Subscription>();
  return {
    publish(events) {
      for (const event of events) {
        for (const { listener } of subscriptions) {
          // One broken stream must not keep the event from the others, nor fail the webhook that published it.
          try {
            listener(event);
          } catch (error) {
            log.warn('events.listener_failed', { id: event.id, message: errorMessage(error) });
          }
        }
      }
    },
    subscribe(listener, interest = {}) {
      const subscription: Subscription = { listener, flowId: interest.flowId };
      subscriptions.add(subscription);
      return () => void subscriptions.delete(subscription);
    },
    size: () => subscriptions.size,
    wantsFlow(flowId) {
      for (const subscription of subscriptions) if (subscription.flowId === undefined || subscription.flowId === flowId) return true;
      return false;
    },
  };
}

const KEY = Symbol.for('switchboard.event-bus');
type Holder = { [KEY]?: EventBus };

/**
 * The thread's bus between the webhook handlers (publishers) and the live streams (subscribers). On
 * globalThis under a Symbol.for key, so every module instance on the thread (Next bundles each route
 * separately) shares the one bus. The production server records webhooks on its main thread and streams
 * from its Next worker: main.ts forwards this bus to the worker's (bridge.ts). A second server process
 * would need its own feed.
 */
export function eventBus(): EventBus {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= createEventBus());
}
