import { NccoLenientSchema, type NccoLenient } from '@/lib/ncco';
import type { TranscriptEntry, WebhookKind } from '../transcript';
import type { CarrierOptions, WebhookReply, WebhookRequest } from './types';
import { errorEvent } from './payloads';

export type CallbackResult = { type: 'ncco'; ncco: NccoLenient } | { type: 'continue' } | { type: 'failed'; reason: string };

type SendOptions = { method?: 'GET' | 'POST'; status?: string | null };

/** What Vonage makes of an answer it expects an NCCO from; `answer` is strict: only an NCCO will do. */
type Reading = { type: 'ncco'; ncco: NccoLenient } | { type: 'continue' } | { type: 'error'; reason: string; syntax: boolean };

/**
 * Sends webhooks the way Vonage does and notes each in the transcript. An answer, input, notify or connect
 * callback that fails (no answer, an error status, a broken NCCO) goes to the fallback URL with the
 * original payload, `reason` and `original_request` (reference.md §0, §2); if that fails too, a call
 * being answered ends, and a running call carries on with its NCCO.
 */
export function webhookSender(options: CarrierOptions, note: (entry: TranscriptEntry) => void) {
  async function send(kind: WebhookKind, url: string, payload: Record<string, unknown>, { method = 'POST', status = null }: SendOptions) {
    const request = toRequest(method, url, payload);
    let reply: WebhookReply | null = null;
    let problem: string | null = null;
    try {
      reply = await options.transport(request);
    } catch (error) {
      problem = `Nothing answered: ${error instanceof Error ? error.message : String(error)}`;
    }
    const entry: Extract<TranscriptEntry, { type: 'webhook' }> = {
      type: 'webhook',
      kind,
      status,
      method,
      path: pathOf(url),
      response: reply?.status ?? null,
      ncco: false,
      problem,
    };
    note(entry);
    return { reply, entry };
  }

  async function event(kind: WebhookKind, url: string, payload: Record<string, unknown>, opts: SendOptions = {}): Promise<void> {
    await send(kind, url, payload, opts);
  }

  async function callback(
    kind: WebhookKind,
    url: string,
    payload: Record<string, unknown>,
    opts: SendOptions & { type: 'answer' | 'event' },
  ): Promise<CallbackResult> {
    const first = await send(kind, url, payload, opts);
    const reading = read(first.reply, opts.type === 'answer');
    if (reading.type !== 'error') return settle(reading, first.entry);
    first.entry.problem = reading.reason;
    if (reading.syntax) await event('event', options.urls.event, errorEvent(options.call, reading.reason, options.now()));
    const fallback = await send('fallback', options.urls.fallback, { ...payload, reason: reading.reason, original_request: { url, type: opts.type } }, {});
    const second = read(fallback.reply, opts.type === 'answer');
    if (second.type !== 'error') return settle(second, fallback.entry);
    fallback.entry.problem = second.reason;
    return { type: 'failed', reason: `${reading.reason}; the fallback URL failed too (${second.reason})` };
  }

  return { event, callback };
}

function settle(reading: Exclude<Reading, { type: 'error' }>, entry: Extract<TranscriptEntry, { type: 'webhook' }>): CallbackResult {
  if (reading.type === 'ncco') entry.ncco = true;
  return reading;
}

/** An NCCO, "carry on", or why the answer is unusable. Only the answer webhook must return an NCCO. */
function read(reply: WebhookReply | null, mustBeNcco: boolean): Reading {
  if (!reply) return { type: 'error', reason: 'Connection failed', syntax: false };
  if (reply.status < 200 || reply.status > 299) return { type: 'error', reason: `HTTP ${reply.status}`, syntax: false };
  if (reply.body.trim() === '') return mustBeNcco ? { type: 'error', reason: 'The answer was empty', syntax: true } : { type: 'continue' };
  let value: unknown;
  try {
    value = JSON.parse(reply.body);
  } catch {
    return mustBeNcco ? { type: 'error', reason: 'The answer is not JSON', syntax: true } : { type: 'continue' };
  }
  if (!Array.isArray(value)) return mustBeNcco ? { type: 'error', reason: 'The answer is not an NCCO array', syntax: true } : { type: 'continue' };
  const parsed = NccoLenientSchema.safeParse(value);
  if (parsed.success) return { type: 'ncco', ncco: parsed.data };
  const issue = parsed.error.issues[0];
  return { type: 'error', reason: `Syntax error in NCCO at ${issue.path.join('.') || 'the top'}: ${issue.message}`, syntax: true };
}

function toRequest(method: 'GET' | 'POST', url: string, payload: Record<string, unknown>): WebhookRequest {
  if (method === 'POST') return { method, url, body: JSON.stringify(payload) };
  const target = new URL(url);
  for (const [key, value] of Object.entries(payload)) target.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  return { method, url: target.toString() };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

