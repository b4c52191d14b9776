import { eq } from 'drizzle-orm';
import type http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import type { VoiceDeps } from '@/lib/voice/deps';
import { calls, webhookEvents } from '@/db/schema';
import { signVonageRequest } from '@/lib/vonage/signature';
import { startLeanLine, startLeanServer } from '../helpers/lean-server';
import { header, RawConnection, type RawResponse } from '../helpers/raw-http';
import { VOICE_BASE } from '../helpers/voice';

/*
 * The server's front (lib/server/lean-http.ts) over real TCP connections: the webhooks it reads and answers
 * itself, and the connections it hands to Node's HTTP server (here standing in for Next: a 404 for anything
 * that is not a webhook, Node's own webhook path for one). `handedOver` counts the requests Node's server saw.
 */

const SECRET = 'lean-http-secret';
const NUMBER = '447700900100';
let db: Db;
let deps: VoiceDeps;
let url: string;
let fallback: http.Server;
let stop: () => void;
let close: () => Promise<void>;
let handedOver = 0;
const open: RawConnection[] = [];

beforeAll(async () => {
  ({ db, deps, url, fallback, stop, close } = await startLeanLine(SECRET, 'ivr-menu', NUMBER));
  fallback.on('request', () => handedOver++);
});
beforeEach(() => {
  handedOver = 0;
});
afterAll(async () => {
  for (const connection of open) connection.destroy();
  await close();
});

async function connect(): Promise<RawConnection> {
  const connection = await RawConnection.open(url);
  open.push(connection);
  return connection;
}

/** A signed answer request for a new call, as its raw bytes; `extra` header lines go after Authorization. */
function answer(uuid: string, { to = NUMBER, extra = '' } = {}): string {
  const target = `/api/voice/answer?to=${to}&from=447700900999&uuid=${uuid}&conversation_uuid=CON-${uuid}`;
  const authorization = signVonageRequest({ method: 'GET', url: `${VOICE_BASE}${target}` }, SECRET);
  return `GET ${target} HTTP/1.1\r\nHost: sb.example.com\r\nAuthorization: ${authorization}\r\n${extra}\r\n`;
}

/** A signed voice event, its body sized by Content-Length (or `framing` given instead). */
function event(uuid: string, { framing }: { framing?: (body: string) => string } = {}): string {
  const body = JSON.stringify({ uuid, conversation_uuid: `CON-${uuid}`, status: 'ringing', timestamp: new Date().toISOString() });
  const authorization = signVonageRequest({ method: 'POST', url: `${VOICE_BASE}/api/voice/event`, body }, SECRET);
  const framed = framing ? framing(body) : `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  return `POST /api/voice/event HTTP/1.1\r\nHost: sb.example.com\r\nContent-Type: application/json\r\nAuthorization: ${authorization}\r\n${framed}`;
}

const PAGE = 'GET /flows HTTP/1.1\r\nHost: sb.example.com\r\n\r\n';
const stored = (uuid: string) => db.select({ uuid: calls.uuid }).from(calls).where(eq(calls.uuid, uuid)).all().length === 1;
const eventsOf = (uuid: string) => db.select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.legUuid, uuid)).all().length;
const talks = (response: RawResponse) => (JSON.parse(response.body) as { action: string; text?: string }[]).filter((a) => a.action === 'talk').map((a) => a.text);
/** A reply's headers by lowercased name, without Date (a clock's, not the path's). */
const headersOf = (response: RawResponse) => Object.fromEntries(response.headers.map(([name, value]) => [name.toLowerCase(), value]).filter(([name]) => name !== 'date'));

describe('webhooks read by the lean path', () => {
  it('answers calls one after another on a kept-alive connection, storing each, without Node', async () => {
    const connection = await connect();
    for (const uuid of ['keep-1', 'keep-2']) {
      await connection.send(answer(uuid));
      const [reply] = await connection.read();
      expect(reply.status).toBe(200);
      expect(talks(reply)[0]).toBe('Thank you for calling Example Company.');
      expect(stored(uuid)).toBe(true);
    }
    expect(connection.closed).toBe(false);
    expect(handedOver).toBe(0);
  });

  it("writes the same headers as Node's path, and the connection's own as Node writes them", async () => {
    const connection = await connect();
    // An unknown number: both paths answer the same apology, byte for byte.
    await connection.send(answer('same-1', { to: '447700900555' }));
    const [lean] = await connection.read();
    expect(handedOver).toBe(0);
    // A repeated Authorization is left to Node, which reads the first: the same request on Node's path.
    await connection.send(answer('same-2', { to: '447700900555', extra: 'Authorization: Bearer x.y.z\r\n' }));
    const [viaNode] = await connection.read();
    expect(handedOver).toBe(1);
    expect(lean.body).toBe(viaNode.body);
    expect(headersOf(lean)).toEqual(headersOf(viaNode));
    expect(headersOf(lean)).toMatchObject({ connection: 'keep-alive', 'keep-alive': 'timeout=65', 'content-type': 'application/json', 'cache-control': 'no-store' });
    expect(header(lean, 'date')).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });

  it('answers requests sent ahead in one write, in order', async () => {
    const connection = await connect();
    await connection.send(answer('ahead-1') + event('ahead-leg') + answer('ahead-2', { to: '447700900555' }));
    const [first, second, third] = await connection.read(3);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(talks(first)[0]).toBe('Thank you for calling Example Company.');
    expect(second.body).toBe('');
    expect(talks(third)[0]).not.toBe('Thank you for calling Example Company.');
    expect(eventsOf('ahead-leg')).toBe(1);
    expect(handedOver).toBe(0);
  });

  it('reads a request that arrives a few bytes at a time', async () => {
    const connection = await connect();
    const bytes = Buffer.from(event('slow-leg'), 'latin1');
    for (let at = 0; at < bytes.length; at += 7) await connection.send(bytes.subarray(at, at + 7));
    const [reply] = await connection.read();
    expect(reply.status).toBe(200);
    expect(eventsOf('slow-leg')).toBe(1);
  });

  it('closes the connection after the reply when the client asks', async () => {
    const connection = await connect();
    await connection.send(answer('close-1', { extra: 'Connection: close\r\n' }));
    const [reply] = await connection.read();
    expect(reply.status).toBe(200);
    expect(header(reply, 'connection')).toBe('close');
    expect(header(reply, 'keep-alive')).toBeUndefined();
    await connection.whenClosed();
  });

  it('refuses an unsigned webhook with a 401, and goes on reading', async () => {
    const connection = await connect();
    await connection.send('POST /api/voice/event HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}');
    await connection.send(answer('after-401'));
    const [refused, answered] = await connection.read(2);
    expect([refused.status, answered.status]).toEqual([401, 200]);
    expect(handedOver).toBe(0);
  });

  it('is not upset by a client that leaves halfway through a request', async () => {
    const half = await connect();
    await half.send(answer('left-1').slice(0, 60));
    half.destroy();
    const connection = await connect();
    await connection.send(answer('left-2'));
    expect((await connection.read())[0].status).toBe(200);
  });
});

describe('a request that never finishes arriving', () => {
  it("gets Node's 408 once the request timeout has passed, and the connection is closed", async () => {
    const slow = await startLeanServer(deps, { requestTimeoutMs: 100 });
    try {
      const connection = await RawConnection.open(slow.url);
      await connection.send(answer('trickle').slice(0, 80));
      await connection.whenClosed();
      const [reply] = await connection.read();
      expect(reply.status).toBe(408);
      expect(header(reply, 'connection')).toBe('close');
      expect(stored('trickle')).toBe(false);
    } finally {
      await slow.close();
    }
  });
});

describe("connections handed to Node's HTTP server", () => {
  it("hands over a page's connection, and its webhooks after it are Node's", async () => {
    const connection = await connect();
    await connection.send(PAGE);
    expect((await connection.read())[0].status).toBe(404);
    await connection.send(answer('after-page'));
    const [reply] = await connection.read();
    expect(reply.status).toBe(200);
    expect(stored('after-page')).toBe(true);
    expect(handedOver).toBe(2);
  });

  it('answers a webhook, then hands over the page sent after it with the bytes already read', async () => {
    const connection = await connect();
    await connection.send(answer('before-page') + PAGE);
    const [webhook, page] = await connection.read(2);
    expect([webhook.status, page.status]).toEqual([200, 404]);
    expect(handedOver).toBe(1);
  });

  it('leaves a chunked body to Node, which reads and stores it', async () => {
    const connection = await connect();
    const chunked = (body: string) => `Transfer-Encoding: chunked\r\n\r\n${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    await connection.send(event('chunked-leg', { framing: chunked }));
    expect((await connection.read())[0].status).toBe(200);
    expect(eventsOf('chunked-leg')).toBe(1);
    expect(handedOver).toBe(1);
  });

  it("leaves a malformed request to Node's 400", async () => {
    const connection = await connect();
    await connection.send(answer('folded', { extra: 'X-Folded: a\r\n b\r\n' }));
    const [reply] = await connection.read();
    expect(reply.status).toBe(400);
    await connection.whenClosed();
    expect(stored('folded')).toBe(false);
  });
});

describe('stopping', () => {
  it('closes idle connections and accepts no new ones', async () => {
    const idle = await connect();
    await idle.send(answer('before-stop'));
    expect((await idle.read())[0].status).toBe(200);
    stop();
    await idle.whenClosed();
    await expect(RawConnection.open(url)).rejects.toThrow();
  });
});
