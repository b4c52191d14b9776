import { errorMessage } from '@/lib/log';
import type { SignedRequest } from '@/lib/vonage/signature';
import type { WebhookReply } from '@/lib/voice/respond';
import type { Dispatch } from './serve-voice';
import type { VoiceRoute } from './voice-routes';

/**
 * The production server reads requests on one thread and runs the webhook handlers on another, the only
 * one that writes their rows (app/_server/main.ts, webhook-worker.ts). Reading requests, checking
 * signatures and writing replies is about a third of an answer's CPU; on its own thread it runs alongside
 * the rest. Requests cross as plain data, a turn's worth per message each way, at most MAX_JOBS_PER_MESSAGE.
 */

/**
 * Under load one turn reads dozens of requests. Sent as they fill a message of this many rather than all at
 * the end of the turn, the webhook thread starts on the first while this one still reads the rest: about 5%
 * more answers and events per second on two cores than one message per turn; 4 and 16 did no better.
 */
export const MAX_JOBS_PER_MESSAGE = 8;

export type WebhookJob = { id: number; route: VoiceRoute; request: SignedRequest };
export type JobOutcome = { id: number; reply: WebhookReply } | { id: number; error: string };

/** Reading thread → webhook thread. */
export type ToWebhookThread = { type: 'jobs'; jobs: WebhookJob[] } | { type: 'stop' };
/** Webhook thread → reading thread: it has opened the database, or these jobs are answered (committed). */
export type FromWebhookThread = { type: 'ready' } | { type: 'outcomes'; outcomes: JobOutcome[] };

export type ThreadDispatch = {
  /** Sends a request to the webhook thread; resolves with its reply once its writes are committed there. */
  dispatch: Dispatch;
  /** Hands the webhook thread's outcomes to the requests waiting for them. */
  settle(outcomes: readonly JobOutcome[]): void;
  /** Requests sent and not yet answered. */
  pending(): number;
  /** Resolves once every request sent so far is answered (at once when none is waiting). */
  drained(): Promise<void>;
};

/**
 * The reading thread's side: the requests read during one turn of its event loop go over together, in
 * messages of at most MAX_JOBS_PER_MESSAGE.
 */
export function threadDispatch(post: (message: ToWebhookThread) => void): ThreadDispatch {
  let nextId = 1;
  let queued: WebhookJob[] = [];
  const waiting = new Map<number, { resolve: (reply: WebhookReply) => void; reject: (error: Error) => void }>();
  let whenDrained: (() => void)[] = [];
  const flush = () => {
    if (queued.length === 0) return;
    const jobs = queued;
    queued = [];
    post({ type: 'jobs', jobs });
  };
  return {
    dispatch: (route, request) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        queued.push({ id, route, request });
        if (queued.length === MAX_JOBS_PER_MESSAGE) flush();
        else if (queued.length === 1) setImmediate(flush);
      }),
    settle(outcomes) {
      for (const outcome of outcomes) {
        const waiter = waiting.get(outcome.id);
        if (!waiter) continue;
        waiting.delete(outcome.id);
        if ('reply' in outcome) waiter.resolve(outcome.reply);
        else waiter.reject(new Error(outcome.error));
      }
      if (waiting.size === 0) {
        for (const resolve of whenDrained) resolve();
        whenDrained = [];
      }
    },
    pending: () => waiting.size,
    drained: () => (waiting.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => whenDrained.push(resolve))),
  };
}

/**
 * The webhook thread's side: runs each job through `dispatch` (its group commits) and posts the outcomes,
 * those a commit settles together, as soon as it has: the replies go out while the next group runs. Returns
 * what takes a message's jobs.
 */
export function serveJobs(dispatch: Dispatch, post: (message: FromWebhookThread) => void): (jobs: readonly WebhookJob[]) => void {
  let settled: JobOutcome[] = [];
  const flush = () => {
    const outcomes = settled;
    settled = [];
    post({ type: 'outcomes', outcomes });
  };
  const settle = (outcome: JobOutcome) => {
    if (settled.length === 0) queueMicrotask(flush);
    settled.push(outcome);
  };
  return (jobs) => {
    for (const { id, route, request } of jobs) {
      dispatch(route, request).then(
        (reply) => settle({ id, reply }),
        (error: unknown) => settle({ id, error: errorMessage(error) }),
      );
    }
  };
}
