import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '@/lib/config';
import { errorMessage, log } from '@/lib/log';
import { NOTHING_CSP, securityHeaders } from '@/lib/security/headers';
import { verifyVonageSignature, type SignatureVerdict, type SignedRequest } from '@/lib/vonage/signature';
import type { VoiceDeps } from '@/lib/voice/deps';
import type { WebhookReply } from '@/lib/voice/respond';
import { MAX_WEBHOOK_BYTES, type WireRequest } from './request-head';
import { handlerOf, type VoiceRoute } from './voice-routes';
import { createWebhookBatcher, type WebhookBatcher } from './webhook-batch';

const SIGNED: SignatureVerdict = { ok: true };

/** Runs a route's handler on a request and answers once its writes are committed. */
export type Dispatch = (route: VoiceRoute, request: SignedRequest) => Promise<WebhookReply>;

export type ServeOptions = { config: Pick<Config, 'PUBLIC_BASE_URL' | 'VONAGE_SIGNATURE_SECRET'>; now: () => Date; dispatch: Dispatch };

/**
 * Serves one webhook read by Node's HTTP server: the request is read straight into the SignedRequest the
 * handlers verify (the raw body, byte for byte, so the signature's payload hash sees what was sent) and
 * answered by `webhookReply`, with the headers proxy.ts puts on every response. Webhooks on connections
 * lean-http.ts keeps are read and answered there instead, through the same `webhookReply`.
 */
export async function serveVoice(route: VoiceRoute, req: IncomingMessage, res: ServerResponse, options: ServeOptions): Promise<void> {
  try {
    const rawBody = await readBody(req);
    if (rawBody === null) {
      res.shouldKeepAlive = false;
      return send(res, tooLargeReply());
    }
    const reply = await webhookReply(route, { method: req.method ?? 'GET', target: req.url ?? '/', authorization: req.headers.authorization ?? null, rawBody }, options);
    send(res, reply);
  } catch (error) {
    // Only reading the body can get here: webhookReply answers whatever its handler throws.
    log.error('webhook.failed', { path: req.url?.split('?')[0], message: errorMessage(error) });
    if (!res.headersSent) send(res, internalErrorReply());
  }
}

/**
 * Checks a webhook's signature and runs its handler: `dispatch` runs the lib handler inside a group commit
 * (webhook-batch.ts; on the production server, on the webhook thread: webhook-thread.ts) and this resolves
 * once that commit is done. Never rejects: whatever fails is a 500.
 */
export async function webhookReply(route: VoiceRoute, wire: WireRequest, options: ServeOptions): Promise<WebhookReply> {
  try {
    const request: SignedRequest = {
      method: wire.method,
      // Only the path and query are ever read; the origin is ours, never the client's Host header.
      url: `${options.config.PUBLIC_BASE_URL}${wire.target}`,
      authorization: wire.authorization,
      rawBody: wire.rawBody,
    };
    // Pure CPU: done on the thread that read the request, not the one that writes (signature-gate.ts reads it).
    // Only the verdict goes on with the request: the token and its claims are of no use past this check.
    const secret = options.config.VONAGE_SIGNATURE_SECRET;
    if (secret) {
      const result = verifyVonageSignature(request, secret, options.now());
      request.verdict = result.ok ? SIGNED : result;
      request.authorization = null;
    }
    return await options.dispatch(route, request);
  } catch (error) {
    log.error('webhook.failed', { path: wire.target.split('?')[0], message: errorMessage(error) });
    return internalErrorReply();
  }
}

function tooLargeReply(): WebhookReply {
  return { status: 413, body: JSON.stringify({ error: { code: 'too_large', message: `A webhook body may be at most ${MAX_WEBHOOK_BYTES} bytes` } }), contentType: 'application/json', cacheControl: null };
}

function internalErrorReply(): WebhookReply {
  return { status: 500, body: JSON.stringify({ error: { code: 'internal_error', message: 'The webhook could not be handled' } }), contentType: 'application/json', cacheControl: null };
}

const batchers = new WeakMap<VoiceDeps, WebhookBatcher>();

/** Runs handlers on this thread, in its group commits over `deps.db`. */
export function localDispatch(deps: VoiceDeps): Dispatch {
  let batcher = batchers.get(deps);
  if (!batcher) {
    batcher = createWebhookBatcher(deps);
    batchers.set(deps, batcher);
  }
  const local = batcher;
  return (route, request) => local.serve(handlerOf(route), request);
}

/** The body as text, or null when it is larger than MAX_WEBHOOK_BYTES. */
function readBody(req: IncomingMessage): Promise<string | null> {
  // A GET answer request has no body: nothing to wait for (Node discards the empty stream).
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return Promise.resolve('');
  if (Number(req.headers['content-length'] ?? 0) > MAX_WEBHOOK_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_WEBHOOK_BYTES) chunks.push(chunk);
      else resolve(null); // answered at once; the connection is closed after the 413
    });
    req.on('end', () => resolve(size > MAX_WEBHOOK_BYTES ? null : Buffer.concat(chunks, size).toString('utf8')));
    req.on('error', reject);
  });
}

// The headers proxy.ts puts on every response, with the policy of a response that is not a page: the same for
// every reply, so no nonce is drawn and no policy written per reply. Kept as the flat [name, value, ...] list
// writeHead takes: a headers object copied from a shared one for each reply (as this did) cost Node about 12 µs
// more per reply on the project machine than this list or an object literal (autocannon against each).
const SECURITY_HEADERS: readonly string[] = securityHeaders(NOTHING_CSP).flat();

/** A reply's headers but those of its connection, as a flat [name, value, ...] list: the same on both paths. */
export function replyHeaders(reply: WebhookReply): string[] {
  const headers = [...SECURITY_HEADERS];
  if (reply.contentType) headers.push('content-type', reply.contentType);
  if (reply.cacheControl) headers.push('cache-control', reply.cacheControl);
  headers.push('content-length', String(Buffer.byteLength(reply.body)));
  return headers;
}

function send(res: ServerResponse, reply: WebhookReply): void {
  res.writeHead(reply.status, replyHeaders(reply));
  res.end(reply.body);
}
