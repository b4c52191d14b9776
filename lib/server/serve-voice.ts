import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage, log } from '@/lib/log';
import { contentSecurityPolicy, newNonce, securityHeaders } from '@/lib/security/headers';
import type { SignedRequest } from '@/lib/vonage/signature';
import type { VoiceDeps } from '@/lib/voice/deps';
import type { VoiceHandler } from './voice-routes';
import { createWebhookBatcher, type WebhookBatcher } from './webhook-batch';

/** Vonage's webhook bodies are a few kilobytes; anything near this is not Vonage. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * Serves one webhook on the lean path: Node's request is read straight into the SignedRequest the handlers
 * verify (the raw body, byte for byte, so the signature's payload hash sees what was sent), the lib handler
 * answers inside the turn's group commit (webhook-batch.ts), and its reply is written back once that
 * commit is done, with the headers proxy.ts puts on every response.
 */
export async function serveVoice(handler: VoiceHandler, req: IncomingMessage, res: ServerResponse, deps: VoiceDeps): Promise<void> {
  try {
    const rawBody = await readBody(req);
    if (rawBody === null) {
      res.shouldKeepAlive = false;
      return send(res, 413, JSON.stringify({ error: { code: 'too_large', message: `A webhook body may be at most ${MAX_WEBHOOK_BYTES} bytes` } }), 'application/json');
    }
    const request: SignedRequest = {
      method: req.method ?? 'GET',
      // Only the path and query are ever read; the origin is ours, never the client's Host header.
      url: `${deps.config.PUBLIC_BASE_URL}${req.url ?? '/'}`,
      authorization: req.headers.authorization ?? null,
      rawBody,
    };
    const reply = await batcherFor(deps).serve(handler, request);
    send(res, reply.status, reply.body, reply.contentType, reply.cacheControl);
  } catch (error) {
    log.error('webhook.failed', { path: req.url?.split('?')[0], message: errorMessage(error) });
    if (!res.headersSent) send(res, 500, JSON.stringify({ error: { code: 'internal_error', message: 'The webhook could not be handled' } }), 'application/json');
  }
}

const batchers = new WeakMap<VoiceDeps, WebhookBatcher>();

function batcherFor(deps: VoiceDeps): WebhookBatcher {
  let batcher = batchers.get(deps);
  if (!batcher) {
    batcher = createWebhookBatcher(deps);
    batchers.set(deps, batcher);
  }
  return batcher;
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

function send(res: ServerResponse, status: number, body: string, contentType: string | null, cacheControl: string | null = null): void {
  const headers: Record<string, string | number> = Object.fromEntries(securityHeaders(contentSecurityPolicy(newNonce())));
  if (contentType) headers['content-type'] = contentType;
  if (cacheControl) headers['cache-control'] = cacheControl;
  headers['content-length'] = Buffer.byteLength(body);
  res.writeHead(status, headers);
  res.end(body);
}
