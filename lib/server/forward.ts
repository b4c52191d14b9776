import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { errorMessage, log } from '@/lib/log';

/** Headers about one connection, not the message: each hop sets its own (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const kept: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name)) kept[name] = value;
  return kept;
}

export type Forwarder = { forward: (req: IncomingMessage, res: ServerResponse) => void; close: () => void };

/**
 * Hands a request to an HTTP server on this machine and streams its answer back: the body both ways as it
 * comes (an event stream's events the moment they are written), the status and every header but the hop-by-hop
 * ones (so several Set-Cookie stay several). The Host header goes along unchanged, so the server behind sees
 * the request as the client sent it; what it cannot see (the client's address) the caller stamps in a header.
 */
export function createForwarder(target: { host: string; port: number }): Forwarder {
  // Kept-alive connections: a new TCP connection per page asset would cost more than the hop itself.
  const agent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = http.request(
      { host: target.host, port: target.port, method: req.method, path: req.url, headers: endToEnd(req.headers), agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.headers));
        // An event stream's headers go out now, not with its first event.
        res.flushHeaders();
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.setNoDelay(true);
    let clientGone = false;
    upstream.on('error', (error) => {
      // Destroyed below because the client left: nobody to tell.
      if (clientGone) return;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      log.error('server.forward_failed', { path: req.url?.split('?')[0], message: errorMessage(error) });
      const body = JSON.stringify({ error: { code: 'bad_gateway', message: 'The application did not answer' } });
      res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    // A client that goes away (a closed tab's event stream) ends the request behind it too.
    res.on('close', () => {
      if (res.writableFinished) return;
      clientGone = true;
      upstream.destroy();
    });
    req.pipe(upstream);
  };
  return { forward, close: () => agent.destroy() };
}
