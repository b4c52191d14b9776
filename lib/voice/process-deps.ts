import { config, type PrivateAllowEntry } from '@/lib/config';
import { db } from '@/lib/db';
import { errorMessage, log } from '@/lib/log';
import type { HttpRequest, HttpResult, NotifyRequest } from '@/lib/runtime/engine';
import { createHttpExecutor } from '@/lib/runtime/http-executor';
import type { VoiceDeps } from './deps';

const KEY = Symbol.for('switchboard.voice-deps');
type Holder = { [KEY]?: VoiceDeps };

/** How long a Notify node's message may take; it runs after the webhook answered, so nobody waits on it. */
const NOTIFY_TIMEOUT_MS = 5000;

/** The process's real dependencies for the webhook handlers, made once per process. */
export function voiceDeps(): VoiceDeps {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= makeDeps());
}

function makeDeps(): VoiceDeps {
  const settings = config();
  const http = createHttpExecutor({ allowPrivate: settings.HTTP_ALLOW_PRIVATE.map(allowEntry) });
  return { db: db(), config: settings, now: () => new Date(), http, notify: (req) => void sendNotify(http, req) };
}

function allowEntry(entry: PrivateAllowEntry): string {
  return entry.kind === 'host' ? entry.host : `${entry.address}/${entry.prefix}`;
}

/** The Notify node posts from Switchboard, so a customer's endpoint can neither replace the NCCO nor fail the call. */
async function sendNotify(http: (req: HttpRequest) => Promise<HttpResult>, req: NotifyRequest): Promise<void> {
  const url = req.method === 'GET' ? withQuery(req.url, req.payload) : req.url;
  try {
    const result = await http({
      method: req.method,
      url,
      headers: req.method === 'POST' ? { 'content-type': 'application/json' } : {},
      ...(req.method === 'POST' ? { body: JSON.stringify(req.payload) } : {}),
      timeoutMs: NOTIFY_TIMEOUT_MS,
    });
    if (result.type === 'failure') log.warn('notify.failed', { url: req.url, reason: result.reason });
    else if (result.status >= 400) log.warn('notify.rejected', { url: req.url, status: result.status });
  } catch (error) {
    log.warn('notify.failed', { url: req.url, reason: errorMessage(error) });
  }
}

function withQuery(url: string, payload: Record<string, unknown>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(payload)) target.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  return target.toString();
}
