import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { config } from '@/lib/config';
import { errorMessage, log } from '@/lib/log';
import { peerSecret, stampPeer } from '@/lib/net/peer';
import { pathOf } from '@/lib/net/query-string';
import { createForwarder } from '@/lib/server/forward';
import { leanHttp } from '@/lib/server/lean-http';
import { serveVoice, webhookReply } from '@/lib/server/serve-voice';
import { voiceRouteFor } from '@/lib/server/voice-routes';
import { threadDispatch, type FromWebhookThread, type ToWebhookThread } from '@/lib/server/webhook-thread';
import { WORKER_HOST, type MainToNext, type NextToMain, type NextWorkerData, type WebhookWorkerData } from './thread-messages';

/**
 * The production server (`npm start`, bundled to .next/switchboard-server.js by `npm run build`); it lives in
 * app/ because it adapts Next, which lib/ never imports. Three threads:
 * - this one reads every request. Vonage's webhooks are read off their connections by the lean path
 *   (lib/server/lean-http.ts; those it leaves, by Node's HTTP server) straight into the lib handlers' requests
 *   and their signatures checked here, then run on the webhook worker; every other request is forwarded to Next.
 * - the webhook worker (webhook-worker.ts) runs the handlers in group commits, the only writer of their rows.
 *   Reading requests, checking signatures and writing replies is about a third of an answer's CPU: here it runs
 *   alongside the handlers instead of before them.
 * - the Next worker (next-worker.ts): a page render or a flow save costs tens of milliseconds of CPU, and in
 *   front of the webhooks every caller waiting for an answer would queue behind it.
 * Each worker has its own database connection, caches and event bus; the webhooks' committed events reach the
 * Next worker's bus for the live streams over a channel between the two, and routing changes reach the
 * webhook worker's cache through the database (routing-cache.ts).
 */
async function main(): Promise<void> {
  // A production server whatever the shell says: React and Next pick their builds from this.
  Object.assign(process.env, { NODE_ENV: 'production' });
  const settings = config();
  await startThreadPool();
  const channel = new MessageChannel();
  const nextData: NextWorkerData = { peerSecret: peerSecret(), webhookPort: channel.port1 };
  const nextWorker = new Worker(path.join(__dirname, 'switchboard-next-worker.js'), { workerData: nextData, transferList: [channel.port1] });
  let stopping = false;
  // The webhooks without the editor, or the editor without the webhooks, is no server: either way, go down.
  // When stopping, the Next worker goes last (stop, below) and its exit ends the process.
  const watch = (worker: Worker, name: string, { last }: { last: boolean }) => {
    worker.on('error', (error) => {
      log.error('server.worker_failed', { worker: name, message: errorMessage(error) });
      process.exit(1);
    });
    worker.on('exit', (code) => {
      if (!stopping) {
        log.error('server.worker_exited', { worker: name, code });
        process.exit(1);
      }
      if (last) process.exit(0);
    });
  };
  watch(nextWorker, 'next', { last: true });
  // The Next worker runs the migrations (instrumentation.ts); nothing touches the database before it is ready.
  const nextPort = await new Promise<number>((resolve) => nextWorker.once('message', (message: NextToMain) => resolve(message.port)));

  const webhookData: WebhookWorkerData = { nextPort: channel.port2 };
  const webhookWorker = new Worker(path.join(__dirname, 'switchboard-webhook-worker.js'), { workerData: webhookData, transferList: [channel.port2] });
  watch(webhookWorker, 'webhooks', { last: false });
  const webhooks = threadDispatch((message: ToWebhookThread) => webhookWorker.postMessage(message));
  await new Promise<void>((resolve) =>
    webhookWorker.on('message', (message: FromWebhookThread) => {
      switch (message.type) {
        case 'ready':
          return resolve();
        case 'outcomes':
          return webhooks.settle(message.outcomes);
        default:
          return message satisfies never;
      }
    }),
  );
  const next = createForwarder({ host: WORKER_HOST, port: nextPort });
  const voice = { config: settings, now: () => new Date(), dispatch: webhooks.dispatch };

  const server = http.createServer((req, res) => {
    const route = voiceRouteFor(req.method ?? 'GET', pathOf(req.url ?? '/'));
    if (route) return void serveVoice(route, req, res, voice);
    // Stamped here, where the client's socket is; the Next worker believes the stamp through the shared secret.
    stampPeer(req);
    next.forward(req, res);
  });
  // Vonage and load balancers reuse connections; outlive a typical 60 s proxy idle timeout, as `next start` does.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Listens for both: webhooks' connections are read by the lean path, the rest handed to `server`.
  const front = leanHttp({ fallback: server, serve: (route, request) => webhookReply(route, request, voice), keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS, requestTimeoutMs: server.headersTimeout });
  front.server.listen(settings.PORT, settings.HOST, () => {
    log.info('server.listening', { port: settings.PORT, host: settings.HOST ?? 'all interfaces', url: settings.PUBLIC_BASE_URL });
  });

  const stop = async (signal: string) => {
    log.info('server.stopping', { signal });
    stopping = true;
    front.stop();
    server.close();
    // Webhooks already read are answered (their writes committed) before the webhook worker goes; Vonage
    // retries whatever finds the port closed. Bounded, so a handler stuck on a slow HTTP node cannot hold
    // the shutdown.
    await Promise.race([webhooks.drained(), new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref())]);
    next.close();
    webhookWorker.postMessage({ type: 'stop' } satisfies ToWebhookThread);
    // The Next worker closes Next and exits; its exit ends the process (above).
    nextWorker.postMessage({ type: 'stop' } satisfies MainToNext);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/**
 * Node starts its thread pool (files, DNS lookups for the flows' HTTP nodes, compression) on its first use, and
 * each pool thread inherits the name and priority of the thread that used it first. Started here, the pool runs at
 * the default priority; started by the Next worker, which lowers its own (next-worker.ts), every thread's lookups
 * and file reads would wait behind the busy cores.
 */
async function startThreadPool(): Promise<void> {
  await fs.promises.access(__dirname);
}

const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** How long a stopping server waits for the webhooks it has read to be answered. */
const SHUTDOWN_GRACE_MS = 5000;

main().catch((error: unknown) => {
  log.error('server.failed', { message: errorMessage(error) });
  process.exit(1);
});
