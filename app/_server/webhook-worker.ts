import { parentPort, workerData } from 'node:worker_threads';
import { forwardEventIds } from '@/lib/events/bridge';
import { eventBus } from '@/lib/events/bus';
import { errorMessage, log } from '@/lib/log';
import { nameThread } from '@/lib/server/os-thread';
import { localDispatch } from '@/lib/server/serve-voice';
import { serveJobs, type FromWebhookThread, type ToWebhookThread } from '@/lib/server/webhook-thread';
import { voiceDeps } from '@/lib/voice/process-deps';
import { handOffCheckpoints } from '@/lib/wal-checkpoint';
import { THREAD_NAMES, type NextToWebhook, type WebhookToNext, type WebhookWorkerData } from './thread-messages';

/**
 * The webhook handlers, on a worker thread of the server process (bundled to
 * .next/switchboard-webhook-worker.js, started by main.ts once the Next worker has migrated the database).
 * The main thread reads each request and checks its signature; this thread runs the handler in its group
 * commit and hands back the reply. It is the only thread that writes the webhooks' rows, so their group
 * commits never wait on another writer; the Next worker hears of committed events and checkpoints the WAL
 * over the port between them.
 */
function start(parent: NonNullable<typeof parentPort>): void {
  nameThread(THREAD_NAMES.webhooks);
  const { nextPort: next } = workerData as WebhookWorkerData;
  const deps = voiceDeps();
  // Checkpoints are the Next worker's: copying the WAL back on this thread held up every caller (wal-checkpoint.ts).
  const checkpoints = handOffCheckpoints(deps.db, { fallbackMs: CHECKPOINT_FALLBACK_MS });
  next.on('message', (message: NextToWebhook) => {
    switch (message.type) {
      case 'wal-caught-up':
        return checkpoints.finish();
      case 'wal-quiet':
        return checkpoints.shrink();
      default:
        return message satisfies never;
    }
  });
  forwardEventIds(eventBus(), (refs) => next.postMessage({ type: 'events', refs } satisfies WebhookToNext));
  const take = serveJobs(localDispatch(deps), (message) => parent.postMessage(message));
  parent.on('message', (message: ToWebhookThread) => {
    switch (message.type) {
      case 'jobs':
        return take(message.jobs);
      case 'stop':
        checkpoints.stop();
        next.close();
        parent.close();
        return;
      default:
        return message satisfies never;
    }
  });
  parent.postMessage({ type: 'ready' } satisfies FromWebhookThread);
}

/** Without word from the Next worker for this long, this thread checkpoints itself rather than let the WAL grow. */
const CHECKPOINT_FALLBACK_MS = 5000;

if (!parentPort) throw new Error('webhook-worker.ts runs as the server\'s worker thread (app/_server/main.ts), not on its own');
try {
  start(parentPort);
} catch (error) {
  // Exiting the thread takes the whole server down (main.ts): no server that cannot answer calls.
  log.error('server.webhooks_failed', { message: errorMessage(error) });
  process.exit(1);
}
