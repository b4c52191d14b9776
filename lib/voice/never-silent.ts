import { errorMessage, log } from '@/lib/log';
import { apology } from './apology';
import type { VoiceDeps } from './deps';
import { nccoReply, type WebhookReply } from './respond';

/**
 * The last line of the webhooks that answer with an NCCO (answer, fallback, continuation, a test call's
 * answer): one whose handler throws still gets the apology, never a 500. Each handler serves the apology for
 * what goes wrong in the flow, but storing is part of every answer, and when the database refuses writes (a full
 * disk, an I/O error) the handler's own record of the apology fails too. Vonage takes a 500 from the answer URL
 * to the fallback URL, and a 500 there ends the call: a caller cut off in silence. Nothing is stored for this
 * apology (storing is what failed); it is logged.
 */
export function neverSilent<A extends unknown[]>(
  route: string,
  handler: (...args: [...A, VoiceDeps]) => Promise<WebhookReply>,
): (...args: [...A, VoiceDeps]) => Promise<WebhookReply> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      const deps = args[args.length - 1] as VoiceDeps;
      log.error('webhook.apology_unrecorded', { route, message: errorMessage(error) });
      return nccoReply(apology(deps.config, null));
    }
  };
}
