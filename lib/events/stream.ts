import type { Db } from '@/db/client';
import type { WebhookEventRow } from '@/db/schema';
import type { EventBus } from './bus';
import { eventsAfter, type EventFilter } from './list';
import { expandEvent } from './trace-row';
import { toCallEvent } from './wire';

export const HEARTBEAT_MS = 15_000;
/** How many missed events a reconnecting stream is sent; beyond that it is told to reload instead. */
export const REPLAY_LIMIT = 1000;
/** How far a reader may fall behind (bytes not yet taken) before it is sent an overflow instead of events. */
export const STREAM_BUFFER_BYTES = 1024 * 1024;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 2000;

export type StreamFilter = Pick<EventFilter, 'flowId' | 'callUuid'>;
export type StreamOptions = { db: Db; bus: EventBus; signal: AbortSignal; filter: StreamFilter; lastEventId: number | null; heartbeatMs?: number };

export const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  // no-transform: a compressing proxy (or Next's own gzip) would buffer the stream into silence.
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

/** One event in Server-Sent Events framing; the id lets a reconnecting browser say where it stopped. */
export function eventFrame(row: WebhookEventRow): string {
  return `id: ${row.id}\nevent: call-event\ndata: ${JSON.stringify(toCallEvent(row))}\n\n`;
}

function matches(row: WebhookEventRow, filter: StreamFilter): boolean {
  return (!filter.flowId || row.flowId === filter.flowId) && (!filter.callUuid || row.callUuid === filter.callUuid);
}

/**
 * The live event stream: events the bus publishes from now on, preceded (on a reconnect with
 * Last-Event-ID) by those stored since. Subscribing and replaying run in one synchronous step, and
 * publishing happens on the same thread, so nothing falls between them; ids only grow, so nothing is sent
 * twice. A comment every `heartbeatMs` keeps proxies from closing an idle connection. The subscription
 * ends when the client goes away (the request's signal) or the reader cancels.
 */
export function eventStreamResponse(options: StreamOptions): Response {
  const { db, bus, signal, filter } = options;
  const encoder = new TextEncoder();
  let stop = () => {};
  // Set while the reader is more than the buffer behind: it is told once (overflow) and sent nothing until it
  // catches up, when it reloads what it missed (app/_events/shared-stream.ts).
  let lagging = false;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let lastSent = options.lastEventId ?? 0;
        let open = true;
        // The frames written during one turn go out as one chunk: a chunk per event cost the stream (and the
        // server thread piping it) far more than the event, with calls coming in by the thousand.
        let pending = '';
        const flush = () => {
          const text = pending;
          pending = '';
          if (!open || text === '') return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop();
          }
        };
        const write = (text: string) => {
          if (!open) return;
          if (pending === '') queueMicrotask(flush);
          pending += text;
        };
        const sendEvent = (event: WebhookEventRow) => {
          if (event.id <= lastSent || !matches(event, filter) || lagging) return;
          if ((controller.desiredSize ?? 1) - pending.length <= 0) {
            lagging = true;
            write(`event: overflow\ndata: {"missed":"the reader fell behind"}\n\n`);
            return;
          }
          write(eventFrame(event));
          lastSent = event.id;
        };
        // The bus carries stored rows: a trace row goes out as its steps. A row's events share its call and
        // flow, so a row this stream does not want (or cannot take now) is passed over before its steps are read.
        const send = (row: WebhookEventRow) => {
          if (!lagging && matches(row, filter)) expandEvent(row).forEach(sendEvent);
        };
        const unsubscribe = bus.subscribe(send, { flowId: filter.flowId || undefined });
        write(`retry: ${RETRY_MS}\n: connected\n\n`);
        if (options.lastEventId !== null) {
          const missed = eventsAfter(db, options.lastEventId, filter, REPLAY_LIMIT + 1);
          missed.slice(0, REPLAY_LIMIT).forEach(sendEvent);
          if (missed.length > REPLAY_LIMIT) write(`event: overflow\ndata: {"missed":"more than ${REPLAY_LIMIT}"}\n\n`);
        }
        const heartbeat = setInterval(() => write(': heartbeat\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
        // The open connection keeps the server alive; the timer alone must not keep a process from exiting.
        heartbeat.unref?.();
        stop = () => {
          if (!open) return;
          open = false;
          clearInterval(heartbeat);
          unsubscribe();
          signal.removeEventListener('abort', stop);
          try {
            controller.close();
          } catch {
            // Already closed by the reader.
          }
        };
        if (signal.aborted) stop();
        else signal.addEventListener('abort', stop);
      },
      // The reader has room again.
      pull() {
        lagging = false;
      },
      cancel() {
        stop();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: STREAM_BUFFER_BYTES }),
  );
  return new Response(body, { status: 200, headers: EVENT_STREAM_HEADERS });
}
