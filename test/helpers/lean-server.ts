import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { localDispatch, serveVoice } from '@/lib/server/serve-voice';
import { voiceRouteFor } from '@/lib/server/voice-routes';
import type { VoiceDeps } from '@/lib/voice/deps';
import { createTestDb } from './db';
import { seedLine } from './seed';
import { voiceDeps } from './voice';

/**
 * The production server's lean path in the test's own process: Node's requests to the webhook routes read
 * straight into the lib handlers, run in this thread's group commits (the webhook worker's, on one thread);
 * anything else is a 404. `url` is where it listens.
 */
export async function startLeanServer(deps: VoiceDeps): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const route = voiceRouteFor(req.method ?? 'GET', (req.url ?? '/').split('?')[0]);
    if (route) void serveVoice(route, req, res, { config: deps.config, now: deps.now, dispatch: localDispatch(deps) });
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A fresh test database with a template's flow published on `number`, behind a lean server checking `secret`. */
export async function startLeanLine(secret: string, templateId: string, number: string) {
  const db = createTestDb();
  const deps = voiceDeps(db, { VONAGE_SIGNATURE_SECRET: secret });
  seedLine(db, templateId, number);
  return { db, deps, ...(await startLeanServer(deps)) };
}
