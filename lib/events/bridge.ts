import type { WebhookEventRow } from '@/db/schema';
import type { EventBus } from './bus';

/**
 * Passes every event a bus publishes on to `post`, gathered per microtask: one message for all the events a
 * group commit publishes together. The server's main thread records the webhooks' events and its Next
 * worker serves the live streams, each thread with its own bus (app/_server/main.ts). Returns the unsubscribe.
 */
export function forwardEvents(bus: EventBus, post: (events: WebhookEventRow[]) => void): () => void {
  let pending: WebhookEventRow[] = [];
  return bus.subscribe((event) => {
    if (pending.length === 0) {
      queueMicrotask(() => {
        const batch = pending;
        pending = [];
        post(batch);
      });
    }
    pending.push(event);
  });
}
