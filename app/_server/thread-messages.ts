/** What the main thread hands the Next worker when it starts it. */
export type NextWorkerData = { peerSecret: string };

/** Main thread → Next worker: the ids of committed webhook events for its live streams, or the order to shut down. */
export type ToWorker = { type: 'events'; ids: number[] } | { type: 'stop' };

/**
 * Next worker → main thread: it has migrated the database and listens on `port` (loopback only); or its
 * checkpoint pass has copied the whole WAL back, for the main thread to finish (lib/wal-checkpoint.ts).
 */
export type FromWorker = { type: 'ready'; port: number } | { type: 'wal-caught-up' };

/** Where the worker listens: loopback only, it is reached through the main thread. */
export const WORKER_HOST = '127.0.0.1';
