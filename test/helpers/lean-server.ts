import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { leanHttp } from '@/lib/server/lean-http';
import { localDispatch, serveVoice, webhookReply } from '@/lib/server/serve-voice';
import { voiceRouteFor } from '@/lib/server/voice-routes';
import type { VoiceDeps } from '@/lib/voice/deps';
import { createTestDb } from './db';
import { seedLine } from './seed';
import { voiceDeps } from './voice';

export type LeanServer = {
  url: string;
  /** Node's HTTP server behind the lean path: its 'request' events are the requests the lean path left to it. */
  fallback: http.Server;
  stop: () => void;
  close: () => Promise<void>;
};

/**
 * The production server's front in the test's own process: webhooks read off the wire by the lean path (or
 * by Node's HTTP server, for those it leaves there) and run in this thread's group commits (the webhook
 * worker's, on one thread); any other request is a 404 from Node's server. `url` is where it listens.
 */
export async function startLeanServer(deps: VoiceDeps, { requestTimeoutMs = 60_000 } = {}): Promise<LeanServer> {
  const serve = { config: deps.config, now: deps.now, dispatch: localDispatch(deps) };
  const fallback = http.createServer((req, res) => {
    const route = voiceRouteFor(req.method ?? 'GET', (req.url ?? '/').split('?')[0]);
    if (route) void serveVoice(route, req, res, serve);
    else res.writeHead(404, { 'content-length': '0' }).end();
  });
  fallback.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  const front = leanHttp({ fallback, serve: (route, request) => webhookReply(route, request, serve), keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS, requestTimeoutMs });
  await new Promise<void>((resolve) => front.server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`,
    fallback,
    stop: () => front.stop(),
    close: async () => {
      front.stop();
      fallback.closeAllConnections();
      await new Promise<void>((resolve) => front.server.close(() => resolve()));
    },
  };
}

const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** A fresh test database with a template's flow published on `number`, behind a lean server checking `secret`. */
export async function startLeanLine(secret: string, templateId: string, number: string) {
  const db = createTestDb();
  const deps = voiceDeps(db, { VONAGE_SIGNATURE_SECRET: secret });
  seedLine(db, templateId, number);
  return { db, deps, ...(await startLeanServer(deps)) };
}
