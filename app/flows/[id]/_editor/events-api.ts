import { z } from 'zod';
import { CallDetailJsonSchema, type CallDetailJson } from '@/lib/calls/wire';
import { CallEventSchema, type CallEvent } from '@/lib/events/wire';

const EventListSchema = z.object({ events: z.array(CallEventSchema) });

export type Loaded<T> = { ok: true; data: T } | { ok: false; message: string };

async function getJson<T>(url: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<Loaded<T>> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, message: 'Could not reach Switchboard' };
  }
  const parsed = schema.safeParse(await response.json().catch(() => null));
  if (response.ok && parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, message: response.status === 404 ? 'This call is not in the event log (it may have been pruned)' : `The server answered ${response.status}` };
}

/** The flow's most recent events, newest first (GET /api/events). */
export async function fetchFlowEvents(flowId: string, signal?: AbortSignal): Promise<Loaded<CallEvent[]>> {
  const result = await getJson(`/api/events?flowId=${encodeURIComponent(flowId)}&limit=200`, EventListSchema, signal);
  return result.ok ? { ok: true, data: result.data.events } : result;
}

/** One call and its events in order (GET /api/calls/:uuid). */
export function fetchCall(uuid: string, signal?: AbortSignal): Promise<Loaded<CallDetailJson>> {
  return getJson(`/api/calls/${encodeURIComponent(uuid)}`, CallDetailJsonSchema, signal);
}
