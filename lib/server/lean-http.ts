import { STATUS_CODES, type Server as HttpServer } from 'node:http';
import net, { type Socket } from 'node:net';
import type { WebhookReply } from '@/lib/voice/respond';
import { frameRequest, MAX_HEAD_BYTES, MAX_WEBHOOK_BYTES, type WireRequest } from './request-head';
import { replyHeaders } from './serve-voice';
import type { VoiceRoute } from './voice-routes';

export type LeanHttpOptions = {
  /** Node's HTTP server: never listening itself, it is handed every connection the lean path leaves. */
  fallback: HttpServer;
  /** Answers a webhook (serve-voice.ts `webhookReply`); never rejects. */
  serve: (route: VoiceRoute, request: WireRequest) => Promise<WebhookReply>;
  /** How long a connection may sit idle between requests, as `keepAliveTimeout` on Node's server. */
  keepAliveTimeoutMs: number;
  /**
   * How long a request may take to arrive once it has started, as `headersTimeout` on Node's server (a webhook's
   * body is a few kilobytes): a client trickling bytes would otherwise hold its connection for ever.
   */
  requestTimeoutMs: number;
};

export type LeanHttp = {
  server: net.Server;
  /** Stops listening, closes idle kept connections and closes the others once their reply is written. */
  stop(): void;
};

/**
 * The server's listening socket. Node's HTTP server cost the thread that reads requests about a fifth of its CPU
 * an answer (the request and response objects, their streams and events, each header checked as it is
 * written): 11 µs of 54 on the project machine. So the webhooks' connections are read here:
 * a plain HTTP/1.1 request to a webhook route (request-head.ts says which) is parsed from the bytes, answered
 * through the same `webhookReply` as on Node's path, and its reply written as one prepared text with the same
 * headers Node writes. Any other request (a page, an asset, a webhook framed unusually, anything malformed) hands
 * its connection, with every byte read so far, to Node's HTTP server for good, so what Node answers stays
 * Node's answer. Requests on one connection are answered in order, one at a time.
 */
export function leanHttp(options: LeanHttpOptions): LeanHttp {
  const idle = new Set<Socket>();
  let stopping = false;
  const server = net.createServer({ noDelay: true }, (socket) => keep(socket));
  // Node's HTTP server starts tracking its connections (for its request and headers timeouts, and for
  // closeIdleConnections) when it starts listening, which it never does here.
  server.once('listening', () => options.fallback.emit('listening'));

  function keep(socket: Socket): void {
    let buffered: Buffer | null = null;
    let busy = false;
    let arriving: NodeJS.Timeout | null = null;
    idle.add(socket);
    const arrived = () => {
      if (arriving) clearTimeout(arriving);
      arriving = null;
    };
    const handOver = () => {
      arrived();
      socket.off('data', onData).off('timeout', onTimeout).off('error', onError).off('close', onClose);
      socket.setTimeout(0);
      idle.delete(socket);
      // Paused so nothing is read before Node's parser is listening; resumed, what was read comes first.
      socket.pause();
      if (buffered) socket.unshift(buffered);
      buffered = null;
      options.fallback.emit('connection', socket);
      socket.resume();
    };
    const next = () => {
      if (!buffered) return;
      const framed = frameRequest(buffered);
      switch (framed.kind) {
        case 'partial':
          // Node's own answer to a request that took too long.
          arriving ??= setTimeout(() => socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n'), options.requestTimeoutMs).unref();
          return;
        case 'other':
          return handOver();
        case 'webhook':
          arrived();
          buffered = framed.rest;
          return answer(framed.route, framed.request, framed.close);
        default:
          return framed satisfies never;
      }
    };
    const answer = (route: VoiceRoute, request: WireRequest, closeAfter: boolean) => {
      busy = true;
      idle.delete(socket);
      void options.serve(route, request).then((reply) => {
        busy = false;
        if (socket.destroyed) return;
        const close = closeAfter || stopping;
        const text = replyText(reply, close, options.keepAliveTimeoutMs);
        if (close) return void socket.end(text);
        idle.add(socket);
        // A client that sends faster than it reads is read again once it has taken its replies.
        if (socket.write(text)) return resume();
        socket.once('drain', resume);
      }).catch(() => socket.destroy());
    };
    const resume = () => {
      socket.resume();
      next();
    };
    const onData = (chunk: Buffer) => {
      buffered = buffered ? Buffer.concat([buffered, chunk]) : chunk;
      if (!busy) next();
      // Requests sent ahead wait in memory, up to about one more of the largest (resumed after the reply).
      else if (buffered.length > MAX_HEAD_BYTES + MAX_WEBHOOK_BYTES) socket.pause();
    };
    // Between requests, as Node's keepAliveTimeout; a reply being made is waited for.
    const onTimeout = () => {
      if (!busy) socket.destroy();
    };
    // A client that resets its connection: 'close' follows, and nobody is left to tell.
    const onError = () => {};
    const onClose = () => {
      arrived();
      idle.delete(socket);
    };
    socket.on('data', onData).on('timeout', onTimeout).on('error', onError).on('close', onClose);
    socket.setTimeout(options.keepAliveTimeoutMs);
  }

  return {
    server,
    stop() {
      stopping = true;
      server.close();
      for (const socket of idle) socket.destroy();
      options.fallback.closeIdleConnections();
    },
  };
}

/** The reply as Node's server writes it: its headers, then Date and the connection's own. */
function replyText(reply: WebhookReply, close: boolean, keepAliveTimeoutMs: number): string {
  const headers = replyHeaders(reply);
  let text = `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? 'Unknown'}\r\n`;
  for (let i = 0; i < headers.length; i += 2) text += `${headers[i]}: ${headers[i + 1]}\r\n`;
  text += `Date: ${httpDate()}\r\n`;
  text += close ? 'Connection: close\r\n' : `Connection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(keepAliveTimeoutMs / 1000)}\r\n`;
  return `${text}\r\n${reply.body}`;
}

// Formatted once a second, as Node does: a Date's formatting costs more than the rest of the head.
let dateSecond = -1;
let dateText = '';
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}
