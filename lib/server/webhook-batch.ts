import type { Db } from '@/db/client';
import { commitGroup, openGroup, openGroupOf, type Group } from '@/lib/group-commit';
import { errorMessage, log } from '@/lib/log';
import type { SignedRequest } from '@/lib/vonage/signature';
import type { VoiceDeps } from '@/lib/voice/deps';
import type { WebhookReply } from '@/lib/voice/respond';
import type { VoiceHandler } from './voice-routes';

type Job = { handler: VoiceHandler; request: SignedRequest; resolve: (response: WebhookReply) => void; reject: (error: unknown) => void };

export type WebhookBatcher = { serve(handler: VoiceHandler, request: SignedRequest): Promise<WebhookReply> };

/**
 * Group commit for the lean path. The webhooks read during one turn of the event loop (under load, every
 * request Node parsed from its sockets in that turn) run together inside one transaction, committed once
 * they have all answered; each response is sent only after that commit, so a 2xx still means durable.
 *
 * The group stays open only while the handlers run without waiting on the outside world, i.e. within this
 * turn and its microtasks, so no other request's code (Next's routes share the connection) can write into
 * it. The one outside wait a handler makes, the HTTP request node, commits the group first (`http` below);
 * that handler's later writes commit on their own, as they would without a group.
 *
 * A group that cannot be committed (a full disk, an I/O error) stores none of its webhooks, so each is handled
 * again on its own, as Next's route handler would handle it: an answer still gets its NCCO or the apology rather
 * than a 500, which would send Vonage to the fallback URL and, failing there too, end the call; an event is
 * still acknowledged only once it is stored. Handlers are idempotent (Vonage may deliver any webhook twice), so
 * what a webhook did store is found again, not stored twice.
 */
export function createWebhookBatcher(deps: VoiceDeps): WebhookBatcher {
  const db: Db = deps.db;
  const grouped: VoiceDeps = {
    ...deps,
    http: (request) => {
      commitGroup(db);
      return deps.http(request);
    },
  };
  let queue: Job[] = [];
  let scheduled = false;

  function drain(): void {
    scheduled = false;
    const jobs = queue;
    queue = [];
    closeHeldGroup(db);
    const group = tryOpenGroup(db);
    const answered = jobs.map((job) =>
      // Started now, inside the group; a handler that throws before its first await fails alone.
      new Promise<WebhookReply>((resolve) => resolve(job.handler(job.request, grouped))).then(
        (response) => ({ response }),
        (error: unknown) => ({ error }),
      ),
    );
    if (group) {
      void Promise.all(answered).then(() => commitGroup(db));
      // A handler that waited on something else would hold the group open: close it at the next turn.
      setImmediate(() => closeHeldGroup(db));
    }
    jobs.forEach((job, i) => {
      void answered[i].then(async (outcome) => {
        try {
          await group?.committed;
        } catch (error) {
          log.error('webhook.commit_failed', { message: errorMessage(error) });
          return alone(job).then(job.resolve, job.reject);
        }
        if ('error' in outcome) job.reject(outcome.error);
        else job.resolve(outcome.response);
      });
    });
  }

  /** A webhook handled outside any group: each of its writes commits as it is made. */
  async function alone(job: Job): Promise<WebhookReply> {
    const reply = await job.handler(job.request, deps);
    // One that waited on I/O may have written into a group opened since: it is answered once that commits too.
    await openGroupOf(db)?.committed;
    return reply;
  }

  return {
    serve(handler, request) {
      return new Promise<WebhookReply>((resolve, reject) => {
        queue.push({ handler, request, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(drain);
        }
      });
    },
  };
}

/**
 * Opens a turn's group; null when it cannot take the write lock (another connection held it past busy_timeout,
 * an I/O error). The turn's webhooks then run without one, each write committing as it is made: thrown from
 * here, the error would have taken the webhook thread, and with it the server, down.
 */
function tryOpenGroup(db: Db): Group | null {
  try {
    return openGroup(db);
  } catch (error) {
    log.error('webhook.group_not_opened', { message: errorMessage(error) });
    return null;
  }
}

/** Commits a group that outlived its turn (a handler awaited something other than the HTTP node). */
function closeHeldGroup(db: Db): void {
  if (!openGroupOf(db)) return;
  log.warn('webhook.group_held_open', { message: 'A webhook handler waited on I/O while its group was open; committed it now' });
  commitGroup(db);
}
