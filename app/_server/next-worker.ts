import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { publishEventIds } from '@/lib/events/bridge';
import { eventBus } from '@/lib/events/bus';
import { errorMessage, log } from '@/lib/log';
import { adoptPeerStamp } from '@/lib/net/peer';
import { nameThread, osThreadId } from '@/lib/server/os-thread';
import { startBackfill } from '@/lib/wal-checkpoint';
import { THREAD_NAMES, WORKER_HOST, type MainToNext, type NextToMain, type NextToWebhook, type NextWorkerData, type WebhookToNext } from './thread-messages';

/**
 * Next's request handling, on a worker thread of the server process (bundled to
 * .next/switchboard-next-worker.js by `npm run build:server`, started by main.ts). A page render or a
 * document check costs tens of milliseconds of CPU; here it does not hold up the webhooks (read on the main
 * thread, handled on the webhook worker). Listens on loopback at a free port; every request comes through the
 * main thread, stamped with the client's address under the secret it handed over (lib/net/peer.ts).
 */
async function start(port: NonNullable<typeof parentPort>): Promise<void> {
  nameThread(THREAD_NAMES.next);
  yieldToWebhooks();
  const { peerSecret, webhookPort } = workerData as NextWorkerData;
  adoptPeerStamp(peerSecret);
  const settings = config();
  const { default: next } = await import('next');
  // The public host and port, as before: Next fills X-Forwarded-Port from them.
  const app = next({ dev: false, dir: path.resolve('.'), hostname: settings.HOST ?? 'localhost', port: settings.PORT });
  // Runs instrumentation.ts: migrations, the first admin, the demo line, retention.
  await app.prepare();
  // Next logs a failed instrumentation.ts and serves on; without a migrated database nothing may serve, and the
  // main thread opens its own connection only after this thread says it is ready.
  db();
  // The webhook worker writes the webhooks but leaves their checkpoints to this thread (lib/wal-checkpoint.ts).
  startBackfill(db(), {
    intervalMs: BACKFILL_INTERVAL_MS,
    minFrames: BACKFILL_MIN_FRAMES,
    minGapMs: FINISH_GAP_MS,
    onCaughtUp: () => webhookPort.postMessage({ type: 'wal-caught-up' } satisfies NextToWebhook),
    quietMs: QUIET_MS,
    shrinkBytes: SHRINK_BYTES,
    onQuiet: () => webhookPort.postMessage({ type: 'wal-quiet' } satisfies NextToWebhook),
  });
  webhookPort.on('message', (message: WebhookToNext) => publishEventIds(db(), eventBus(), message.refs));
  const handler = app.getRequestHandler();
  const server = http.createServer((req, res) => void handler(req, res));
  // Its only client is the main thread's pool of kept-alive connections: closing one while idle could race a
  // request being sent on it, so idle connections stay open (the pool is small and the peer is local).
  server.keepAliveTimeout = 0;

  port.on('message', (message: MainToNext) => {
    switch (message.type) {
      case 'stop':
        webhookPort.close();
        server.close();
        server.closeAllConnections();
        void app.close().finally(() => process.exit(0));
        return;
      default:
        return message.type satisfies never;
    }
  });
  server.listen(0, WORKER_HOST, () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the Next worker is not listening on a TCP port');
    port.postMessage({ type: 'ready', port: address.port } satisfies NextToMain);
  });
}

/**
 * When the cores are busy, the operating system should run the webhook thread first: a caller is waiting on
 * every answer, while a page that renders a few milliseconds later goes unnoticed. Linux schedules each thread
 * on its own (lib/server/os-thread.ts); elsewhere the thread keeps the default priority.
 */
function yieldToWebhooks(): void {
  const threadId = osThreadId();
  if (threadId === null) return;
  try {
    os.setPriority(threadId, WORKER_NICENESS);
  } catch {
    // Not allowed: the default priority.
  }
}
const WORKER_NICENESS = 10;
// Often enough that the webhook worker's finishing pass has only a few milliseconds of commits left to copy.
const BACKFILL_INTERVAL_MS = 50;
// Twice SQLite's own automatic checkpoint threshold: each finish on the webhook worker is worth its while.
const BACKFILL_MIN_FRAMES = 2000;
// At most one finish a second. Under a flood of webhooks with random uuids (the bench's (b′)) the WAL passed
// the threshold five or six times a second, and each finish held every caller for 5–15 ms. The WAL holds about
// a second of writes instead (a few hundred MB at the bench's rates), and starts over from the start of its file.
const FINISH_GAP_MS = 1000;
// Ten seconds without a webhook written and a WAL file past 64 MiB (SQLite's own threshold is 4 MiB of pages): the
// flood is over, and the file is cut back to nothing rather than keep its largest size until the server stops.
const QUIET_MS = 10_000;
const SHRINK_BYTES = 64 * 1024 * 1024;

if (!parentPort) throw new Error('next-worker.ts runs as the server\'s worker thread (app/_server/main.ts), not on its own');
start(parentPort).catch((error: unknown) => {
  // Exiting the thread takes the whole server down (main.ts): no half-server that answers webhooks only.
  log.error('server.next_failed', { message: errorMessage(error) });
  process.exit(1);
});
