import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { parseConfig } from '@/lib/config';
import type { Timers, Transport } from '@/lib/simulator/carrier/types';
import type { SimulatorDeps } from '@/lib/simulator/deps';
import { handleAnswer } from '@/lib/voice/answer';
import { handleContinue } from '@/lib/voice/continue';
import type { VoiceDeps } from '@/lib/voice/deps';
import { handleEvent } from '@/lib/voice/event';
import { handleFallback } from '@/lib/voice/fallback';

export const SIM_BASE = 'https://sb.example.com';

/** Real-time timers are not used in these tests: every wait is decided by the test. */
const NO_TIMERS: Timers = { set: () => () => undefined };

/**
 * The simulator wired to the real webhook handlers in this process: each webhook becomes a Request handed
 * to the handler its route would call, against the given database. No server, no network.
 */
export function inProcessSimulator(db: Db, options: { now?: () => Date } = {}): SimulatorDeps & { voice: VoiceDeps } {
  const now = options.now ?? (() => new Date());
  const voice: VoiceDeps = {
    db,
    config: parseConfig({ PUBLIC_BASE_URL: SIM_BASE, DATABASE_PATH: ':memory:' }),
    now,
    http: async () => ({ type: 'failure', reason: 'refused', message: 'no HTTP in tests', durationMs: 0 }),
    notify: () => undefined,
  };
  const transport: Transport = async (req) => {
    const request = new Request(req.url, {
      method: req.method,
      headers: req.body === undefined ? {} : { 'content-type': 'application/json' },
      body: req.body,
    });
    const path = new URL(req.url).pathname;
    const token = /^\/api\/voice\/continue\/(.+)$/.exec(path)?.[1];
    const response =
      path === '/api/voice/answer'
        ? await handleAnswer(request, voice)
        : path === '/api/voice/event'
          ? await handleEvent(request, voice)
          : path === '/api/voice/fallback'
            ? await handleFallback(request, voice)
            : token
              ? await handleContinue(request, token, voice)
              : new Response('not found', { status: 404 });
    return { status: response.status, body: await response.text() };
  };
  return { db, baseUrl: SIM_BASE, transport, now, newId: randomUUID, timers: NO_TIMERS, voice };
}
