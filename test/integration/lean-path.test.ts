import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import type { Ncco } from '@/lib/ncco';
import { MAX_WEBHOOK_BYTES } from '@/lib/server/request-head';
import { voiceHandlerFor } from '@/lib/server/voice-routes';
import { signVonageRequest } from '@/lib/vonage/signature';
import type { VoiceDeps } from '@/lib/voice/deps';
import { toResponse } from '@/lib/voice/respond';
import { startLeanLine } from '../helpers/lean-server';
import { VOICE_BASE } from '../helpers/voice';

/*
 * The custom server's lean path (Node's request read straight into the handlers) against what Next's route
 * handlers do (the same handler given a Web Request): the same status, body and headers, whichever serves.
 */

const SECRET = 'lean-path-secret';
let db: Db;
let deps: VoiceDeps;
let stopLean: () => Promise<void>;
let lean: string;

beforeAll(async () => {
  ({ db, deps, url: lean, close: stopLean } = await startLeanLine(SECRET, 'ivr-menu', '447700900100'));
});
afterAll(() => stopLean());

type Sent = { method: 'GET' | 'POST'; path: string; body?: string; sign?: boolean };
type Seen = { status: number; contentType: string | null; cacheControl: string | null; body: string };

/** The same webhook through both paths; the signature is made once, for the request as sent. */
async function bothPaths(sent: Sent): Promise<{ viaLean: Seen; viaRoute: Seen }> {
  const url = `${VOICE_BASE}${sent.path}`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (sent.sign !== false) headers.authorization = signVonageRequest({ method: sent.method, url, body: sent.body }, SECRET);
  const init = { method: sent.method, headers, body: sent.body };
  const handler = voiceHandlerFor(sent.method, new URL(url).pathname);
  if (!handler) throw new Error(`no lean route for ${sent.method} ${sent.path}`);
  return { viaLean: await seen(await fetch(`${lean}${sent.path}`, init)), viaRoute: await seen(toResponse(await handler(new Request(url, init), deps))) };
}

async function seen(res: Response): Promise<Seen> {
  return { status: res.status, contentType: res.headers.get('content-type'), cacheControl: res.headers.get('cache-control'), body: await res.text() };
}

const answerPath = (to: string, uuid: string) => `/api/voice/answer?to=${to}&from=447700900999&uuid=${uuid}&conversation_uuid=CON-${uuid}`;
const texts = (body: string) => (JSON.parse(body) as Ncco).flatMap((a) => (a.action === 'talk' ? [a.text] : []));

describe('the same answers through both paths', () => {
  it('answers a bound number with the same NCCO', async () => {
    const { viaLean, viaRoute } = await bothPaths({ method: 'GET', path: answerPath('447700900100', 'call-1') });
    expect(viaLean).toMatchObject({ status: 200, contentType: 'application/json', cacheControl: 'no-store' });
    // The route got the same call's uuid: a retried answer, answered with the NCCO the lean path stored.
    expect({ ...viaRoute, body: JSON.parse(viaRoute.body) }).toEqual({ ...viaLean, body: JSON.parse(viaLean.body) });
    expect(texts(viaLean.body)[0]).toBe('Thank you for calling Example Company.');
  });

  it('gives the same apology, byte for byte, for an unknown number', async () => {
    const { viaLean, viaRoute } = await bothPaths({ method: 'GET', path: answerPath('447700900555', 'unknown-1') });
    expect(viaLean).toEqual(viaRoute);
  });

  it('stores an event and answers an empty 200 alike', async () => {
    const a = await bothPaths({ method: 'POST', path: '/api/voice/event', body: JSON.stringify({ uuid: 'leg-a', status: 'ringing', timestamp: '2026-01-01T00:00:00.000Z' }) });
    expect(a.viaLean).toEqual({ status: 200, contentType: null, cacheControl: 'no-store', body: '' });
    expect(a.viaRoute).toEqual(a.viaLean);
  });

  it('refuses an unsigned webhook with the same 401', async () => {
    const { viaLean, viaRoute } = await bothPaths({ method: 'POST', path: '/api/voice/rtc-event', body: '{}', sign: false });
    expect(viaLean.status).toBe(401);
    expect(viaLean).toEqual(viaRoute);
  });

  it('refuses a forged continuation token with the same 401', async () => {
    const { viaLean, viaRoute } = await bothPaths({ method: 'POST', path: '/api/voice/continue/eyJmb3JnZWQiOnRydWV9.AAAA', body: '{}' });
    expect(viaLean.status).toBe(401);
    expect(viaLean).toEqual(viaRoute);
  });
});

describe('the lean path\'s own headers', () => {
  it('puts the security headers on every reply, with the policy of a response that is never a page', async () => {
    for (const path of [answerPath('447700900100', 'headers-1'), '/api/voice/continue/eyJmb3JnZWQiOnRydWV9.AAAA']) {
      const res = await fetch(`${lean}${path}`, { method: 'POST', body: '{}' });
      expect(Object.fromEntries(['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options'].map((name) => [name, res.headers.get(name)]))).toEqual({
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'x-frame-options': 'DENY',
      });
    }
  });
});

describe('what the lean path leaves to Next', () => {
  it.each([
    ['GET', '/api/voice/rtc-event', false],
    ['PUT', '/api/voice/answer', false],
    ['GET', '/api/voice/answer/', false],
    ['GET', '/api/voice/unknown', false],
    ['POST', '/api/voice/continue/a/b', false],
    ['GET', '/api/flows', false],
    ['POST', '/api/voice/rtc-event', true],
    ['GET', '/api/voice/fallback', true],
    ['POST', '/api/voice/continue/abc.def', true],
    ['POST', '/api/voice/answer/draft/abc.def', true],
    ['GET', '/api/voice/answer/draft/a/b', false],
  ])('%s %s is lean: %s', (method, pathname, handled) => {
    expect(voiceHandlerFor(method, pathname) !== null).toBe(handled);
  });

  // A webhook route added under app/api/voice must not quietly fall back to Next's slower path.
  it('serves every method of every webhook route file in app/api/voice', () => {
    const root = path.join(process.cwd(), 'app', 'api', 'voice');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('route.ts'));
    const served = files.flatMap((file) => {
      const source = fs.readFileSync(path.join(root, file), 'utf8');
      const methods = [...source.matchAll(/export (?:async function|const) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
      const pathname = `/api/voice/${path.dirname(file).replace(/\[[^\]]+\]/g, 'token')}`.replace(/\/\.$/, '');
      return methods.map((method) => [method, pathname, voiceHandlerFor(method, pathname) !== null]);
    });
    expect(served.length).toBeGreaterThanOrEqual(10);
    expect(served.filter(([, , lean]) => !lean)).toEqual([]);
  });

  it('refuses a body larger than any Vonage webhook with 413', async () => {
    const res = await fetch(`${lean}/api/voice/event`, { method: 'POST', body: 'x'.repeat(MAX_WEBHOOK_BYTES + 1) });
    expect(res.status).toBe(413);
  });
});
