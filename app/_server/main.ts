import http from 'node:http';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { config } from '@/lib/config';
import { forwardEventIds } from '@/lib/events/bridge';
import { eventBus } from '@/lib/events/bus';
import { errorMessage, log } from '@/lib/log';
import { installPeerStamp, peerSecret } from '@/lib/net/peer';
import { createForwarder } from '@/lib/server/forward';
import { serveVoice } from '@/lib/server/serve-voice';
import { voiceHandlerFor } from '@/lib/server/voice-routes';
import { voiceDeps } from '@/lib/voice/process-deps';
import { handOffCheckpoints } from '@/lib/wal-checkpoint';
import { WORKER_HOST, type FromWorker, type NextWorkerData, type ToWorker } from './thread-messages';

/**
 * The production server (`npm start`, bundled to .next/switchboard-server.js by `npm run build`); it lives in
 * app/ because it adapts Next, which lib/ never imports. Vonage's webhooks are served on this thread, on a
 * lean path with the same lib handlers Next's route handlers call. Every other request is forwarded to Next,
 * which runs on a worker thread (next-worker.ts): a page render or a flow save costs tens of milliseconds of
 * CPU, and on this thread every caller waiting for an answer would queue behind it. Each thread has its own
 * database connection, caches and event bus; the webhooks' committed events are posted to the worker's bus
 * for the live streams, and routing changes reach this thread's cache through the database (routing-cache.ts).
 */
async function main(): Promise<void> {
  // A production server whatever the shell says: React and Next pick their builds from this.
  Object.assign(process.env, { NODE_ENV: 'production' });
  const settings = config();
  // Stamped here, where the client's socket is; the worker believes the stamp through the shared secret.
  installPeerStamp();
  const worker = new Worker(path.join(__dirname, 'switchboard-next-worker.js'), { workerData: { peerSecret: peerSecret() } satisfies NextWorkerData });
  let stopping = false;
  // The webhooks without the editor, or the editor without the webhooks, is no server: either way, go down.
  worker.on('error', (error) => {
    log.error('server.worker_failed', { message: errorMessage(error) });
    process.exit(1);
  });
  worker.on('exit', (code) => {
    if (!stopping) log.error('server.worker_exited', { code });
    process.exit(stopping ? 0 : 1);
  });
  // The worker runs the migrations (instrumentation.ts); nothing here touches the database before it is ready.
  const workerPort = await new Promise<number>((resolve) =>
    worker.once('message', (message: FromWorker) => {
      if (message.type === 'ready') resolve(message.port);
    }),
  );
  const deps = voiceDeps();
  // Checkpoints are the worker's: copying the WAL back on this thread held up every caller (wal-checkpoint.ts).
  const checkpoints = handOffCheckpoints(deps.db, { fallbackMs: CHECKPOINT_FALLBACK_MS });
  worker.on('message', (message: FromWorker) => {
    switch (message.type) {
      case 'ready':
        return;
      case 'wal-caught-up':
        return checkpoints.finish();
      default:
        return message satisfies never;
    }
  });
  const post = (message: ToWorker) => worker.postMessage(message);
  forwardEventIds(eventBus(), (ids) => post({ type: 'events', ids }));
  const next = createForwarder({ host: WORKER_HOST, port: workerPort });

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const handler = voiceHandlerFor(req.method ?? 'GET', query === -1 ? url : url.slice(0, query));
    if (handler) void serveVoice(handler, req, res, deps);
    else next.forward(req, res);
  });
  // Vonage and load balancers reuse connections; outlive a typical 60 s proxy idle timeout, as `next start` does.
  server.keepAliveTimeout = 65_000;
  server.listen(settings.PORT, settings.HOST, () => {
    log.info('server.listening', { port: settings.PORT, host: settings.HOST ?? 'all interfaces', url: settings.PUBLIC_BASE_URL });
  });

  const stop = (signal: string) => {
    log.info('server.stopping', { signal });
    stopping = true;
    server.close();
    server.closeIdleConnections();
    next.close();
    checkpoints.stop();
    // The worker closes Next and exits; its exit ends the process (above).
    post({ type: 'stop' });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** Without word from the worker for this long, this thread checkpoints itself rather than let the WAL grow. */
const CHECKPOINT_FALLBACK_MS = 5000;

main().catch((error: unknown) => {
  log.error('server.failed', { message: errorMessage(error) });
  process.exit(1);
});
