import http from 'node:http';
import path from 'node:path';
import { config } from '@/lib/config';
import { errorMessage, log } from '@/lib/log';
import { voiceDeps } from '@/lib/voice/process-deps';
import { serveVoice } from '@/lib/server/serve-voice';
import { voiceHandlerFor } from '@/lib/server/voice-routes';

/**
 * The production server (`npm start`, bundled to .next/switchboard-server.js by `npm run build`); it lives in
 * app/ because it adapts Next, which lib/ never imports. Vonage's
 * webhooks are served on a lean path with the same lib handlers Next's route handlers call; every other
 * request goes to Next. This bundle and Next's are separate module instances: they share the database,
 * caches and event bus through their Symbol.for singletons on globalThis (lib/db.ts and friends).
 */
async function main(): Promise<void> {
  // A production server whatever the shell says: React and Next pick their builds from this.
  Object.assign(process.env, { NODE_ENV: 'production' });
  const settings = config();
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: path.resolve('.'), hostname: settings.HOST ?? 'localhost', port: settings.PORT });
  // Runs instrumentation.ts: migrations, the first admin, the demo line, retention. Before the first request.
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  const deps = voiceDeps();

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const handler = voiceHandlerFor(req.method ?? 'GET', query === -1 ? url : url.slice(0, query));
    if (handler) void serveVoice(handler, req, res, deps);
    else void nextHandler(req, res);
  });
  // Vonage and load balancers reuse connections; outlive a typical 60 s proxy idle timeout, as `next start` does.
  server.keepAliveTimeout = 65_000;
  server.listen(settings.PORT, settings.HOST, () => {
    log.info('server.listening', { port: settings.PORT, host: settings.HOST ?? 'all interfaces', url: settings.PUBLIC_BASE_URL });
  });

  const stop = (signal: string) => {
    log.info('server.stopping', { signal });
    server.close();
    server.closeIdleConnections();
    void app.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  log.error('server.failed', { message: errorMessage(error) });
  process.exit(1);
});
