import { randomBytes } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { normalizeAddress } from './trusted-proxy';

/** What reading a request's headers needs: a web Request's Headers, or Next's headers() in a page. */
export type HeaderReader = Pick<Headers, 'get'>;

/**
 * Route handlers see a web Request, which carries no socket: the connecting address is simply not there,
 * and Next only fills X-Forwarded-For when the client did not send one (so a client can pick its own).
 * Node publishes every incoming request on a diagnostics channel before Next sees it; the subscriber
 * stamps the socket's address and TLS state into a header. The header starts with a per-process secret
 * and always overwrites what the client sent, so a client cannot forge it; requests that arrive before
 * the subscriber is installed simply carry no peer. The server's Next worker (app/_server/next-worker.ts)
 * only sees requests the main thread forwards, already stamped: it adopts the main thread's secret instead.
 */
const PEER_HEADER = 'x-switchboard-peer';
const STATE = Symbol.for('switchboard.peer');

type State = { secret: string; installed: boolean };
type Holder = { [STATE]?: State };

function state(): State {
  const holder = globalThis as Holder;
  return (holder[STATE] ??= { secret: randomBytes(16).toString('hex'), installed: false });
}

/** Starts stamping requests with their peer; called once at server start (instrumentation.ts). */
export function installPeerStamp(): void {
  const current = state();
  if (current.installed) return;
  current.installed = true;
  diagnostics.subscribe('http.server.request.start', (message) => stampPeer((message as { request: IncomingMessage }).request));
}

/**
 * Stamps one request with its connecting peer, over whatever the client sent. The production server's main
 * thread stamps what it forwards to Next this way, and nothing else: a webhook it serves itself needs no stamp.
 */
export function stampPeer(request: IncomingMessage): void {
  const socket = request.socket as Socket & { encrypted?: boolean };
  request.headers[PEER_HEADER] = `${state().secret} ${socket.encrypted ? 'https' : 'http'} ${socket.remoteAddress ?? ''}`;
}

/** The secret this thread stamps with, for the worker that must recognise the stamp (adoptPeerStamp). */
export function peerSecret(): string {
  return state().secret;
}

/**
 * Believes the stamps another thread of this process wrote with `secret`, and never stamps here: the
 * connecting peer of a forwarded request is the main thread, not the client. installPeerStamp is then a no-op.
 */
export function adoptPeerStamp(secret: string): void {
  const holder = globalThis as Holder;
  holder[STATE] = { secret, installed: true };
}

/** The directly connected peer of a request, or null when the request was not stamped by this process. */
export type Peer = { address: string | null; https: boolean };

export function readPeer(headers: HeaderReader): Peer | null {
  const [secret, protocol, address] = (headers.get(PEER_HEADER) ?? '').split(' ');
  if (!state().installed || secret !== state().secret) return null;
  return { address: address ? normalizeAddress(address) : null, https: protocol === 'https' };
}
