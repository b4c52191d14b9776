import { z } from 'zod';
import { CallEventSchema, type CallEvent } from '@/lib/events/wire';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

const STREAM_URL = '/api/events/stream';
/** After the server refused or closed the stream for good (EventSource gives up), try again this much later. */
const REOPEN_MS = 5000;

const MessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), event: CallEventSchema }),
  z.object({ type: z.literal('status'), status: z.enum(['connecting', 'live', 'reconnecting']) }),
  z.object({ type: z.literal('reset') }),
  z.object({ type: z.literal('hello') }),
]);
type Message = z.infer<typeof MessageSchema>;

type Handlers = { event?: (event: CallEvent) => void; status?: (status: StreamStatus) => void; reset?: () => void };

/**
 * The browser's one connection to a flow's live event log. Every panel about that flow in a tab subscribes
 * here (one stream per tab), and the tabs of a browser that show the flow share one EventSource between them:
 * the tab holding the flow's Web Lock is the leader and relays what it receives on the flow's
 * BroadcastChannel; when it closes, the lock passes to another tab, which resumes from the last event id it
 * saw (so nothing is missed or repeated). Without Web Locks or BroadcastChannel each tab keeps its own stream.
 * The server sends only the flow's events: a line taking thousands of calls a second would otherwise send
 * every open editor every event of every flow.
 */
class SharedEventStream {
  private readonly channelName: string;
  private readonly leaderLock: string;
  private readonly url: string;

  constructor(flowId: string) {
    this.channelName = `switchboard.events.${flowId}`;
    this.leaderLock = `switchboard.events.leader.${flowId}`;
    this.url = `${STREAM_URL}?flowId=${encodeURIComponent(flowId)}`;
  }

  private readonly subscribers = new Set<Handlers>();
  private lastId = 0;
  private status: StreamStatus = 'connecting';
  private channel: BroadcastChannel | null = null;
  private source: EventSource | null = null;
  private lockAbort: AbortController | null = null;
  private releaseLock: (() => void) | null = null;
  private reopenTimer: ReturnType<typeof setTimeout> | null = null;

  subscribe(handlers: Handlers): () => void {
    this.subscribers.add(handlers);
    handlers.status?.(this.status);
    if (this.subscribers.size === 1) this.start();
    return () => {
      this.subscribers.delete(handlers);
      if (this.subscribers.size === 0) this.stop();
    };
  }

  private start(): void {
    const shared = typeof BroadcastChannel !== 'undefined' && typeof navigator !== 'undefined' && 'locks' in navigator;
    if (!shared) return this.lead();
    const channel = new BroadcastChannel(this.channelName);
    this.channel = channel;
    channel.onmessage = (message) => this.onMessage(message.data);
    this.lockAbort = new AbortController();
    navigator.locks
      .request(this.leaderLock, { signal: this.lockAbort.signal }, () => new Promise<void>((release) => {
        this.releaseLock = release;
        this.lead();
      }))
      .catch(() => undefined);
    // Ask whoever leads how the stream is doing.
    channel.postMessage({ type: 'hello' } satisfies Message);
  }

  /** This tab holds the connection (and relays it when other tabs listen). */
  private lead(): void {
    const source = new EventSource(this.lastId > 0 ? `${this.url}&lastEventId=${this.lastId}` : this.url);
    this.source = source;
    source.onopen = () => this.setStatus('live');
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) return this.setStatus('reconnecting');
      // The browser gave up (an error status, a sign-out): reopen later, from where we were.
      this.setStatus('reconnecting');
      source.close();
      this.reopenTimer = setTimeout(() => this.source === source && this.lead(), REOPEN_MS);
    };
    source.addEventListener('call-event', (message) => {
      const parsed = CallEventSchema.safeParse(JSON.parse((message as MessageEvent<string>).data));
      if (!parsed.success) return;
      this.deliver(parsed.data);
      this.channel?.postMessage({ type: 'event', event: parsed.data } satisfies Message);
    });
    source.addEventListener('overflow', () => {
      this.reset();
      this.channel?.postMessage({ type: 'reset' } satisfies Message);
    });
  }

  private onMessage(data: unknown): void {
    const parsed = MessageSchema.safeParse(data);
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.type) {
      case 'event':
        return this.deliver(message.event);
      case 'status':
        return this.setStatus(message.status, false);
      case 'reset':
        return this.reset();
      case 'hello':
        if (this.source) this.channel?.postMessage({ type: 'status', status: this.status } satisfies Message);
        return;
      default:
        return message satisfies never;
    }
  }

  private deliver(event: CallEvent): void {
    if (event.id <= this.lastId) return;
    this.lastId = event.id;
    for (const subscriber of this.subscribers) subscriber.event?.(event);
  }

  private reset(): void {
    for (const subscriber of this.subscribers) subscriber.reset?.();
  }

  private setStatus(status: StreamStatus, relay = true): void {
    this.status = status;
    for (const subscriber of this.subscribers) subscriber.status?.(status);
    if (relay) this.channel?.postMessage({ type: 'status', status } satisfies Message);
  }

  private stop(): void {
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.source?.close();
    this.source = null;
    this.releaseLock?.();
    this.releaseLock = null;
    this.lockAbort?.abort();
    this.lockAbort = null;
    this.channel?.close();
    this.channel = null;
    this.status = 'connecting';
  }
}

const shared = new Map<string, SharedEventStream>();

/** The tab's shared stream of a flow's events (created on first use, in the browser only). */
export function eventStream(flowId: string): SharedEventStream {
  let stream = shared.get(flowId);
  if (!stream) {
    stream = new SharedEventStream(flowId);
    shared.set(flowId, stream);
  }
  return stream;
}
