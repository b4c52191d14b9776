import type { MessagePort } from 'node:worker_threads';
import type { EventRef } from '@/lib/events/bridge';

/**
 * What the main thread hands the Next worker when it starts it: the peer stamp's secret, and its end of the
 * channel to the webhook worker.
 */
export type NextWorkerData = { peerSecret: string; webhookPort: MessagePort };

/** What the main thread hands the webhook worker: its end of the channel to the Next worker. */
export type WebhookWorkerData = { nextPort: MessagePort };

/** Main thread → Next worker: the order to shut down. */
export type MainToNext = { type: 'stop' };

/** Next worker → main thread: it has migrated the database and listens on `port` (loopback only). */
export type NextToMain = { type: 'ready'; port: number };

/** Webhook worker → Next worker: the committed event rows, by id and flow, for its live streams (lib/events/bridge.ts). */
export type WebhookToNext = { type: 'events'; refs: EventRef[] };

/**
 * Next worker → webhook worker: its checkpoint pass copied the whole WAL back, for the writer to finish; or nothing
 * has been committed for a while and the WAL file is large, for the writer to cut it back (lib/wal-checkpoint.ts).
 */
export type NextToWebhook = { type: 'wal-caught-up' } | { type: 'wal-quiet' };

/** Where the worker listens: loopback only, it is reached through the main thread. */
export const WORKER_HOST = '127.0.0.1';

/**
 * The workers' names for the operating system (lib/server/os-thread.ts), as `top -H` and the bench's CPU per thread
 * show them; the main thread keeps Node's, which is also the process's name.
 */
export const THREAD_NAMES = { webhooks: 'sb-webhooks', next: 'sb-next' } as const;
