import { z } from 'zod';
import type { WebhookEventRow } from '@/db/schema';

/**
 * One event as the API and the live stream send it. `payload` is the body as JSON when it was JSON (a GET's
 * query string as an object), else the raw text; a client parses it with this schema.
 */
export const CallEventSchema = z.object({
  id: z.number().int(),
  source: z.string(),
  type: z.string(),
  callUuid: z.string().nullable(),
  legUuid: z.string().nullable(),
  conversationUuid: z.string().nullable(),
  flowId: z.string().nullable(),
  nodeId: z.string().nullable(),
  status: z.string().nullable(),
  simulated: z.boolean(),
  parsedOk: z.boolean(),
  problem: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  payload: z.unknown(),
});
export type CallEvent = z.infer<typeof CallEventSchema>;

export function toCallEvent(row: WebhookEventRow): CallEvent {
  return {
    id: row.id,
    source: row.source,
    type: row.type,
    callUuid: row.callUuid,
    legUuid: row.legUuid,
    conversationUuid: row.conversationUuid,
    flowId: row.flowId,
    nodeId: row.nodeId,
    status: row.status,
    simulated: row.simulated,
    parsedOk: row.parsedOk,
    problem: row.problem,
    receivedAt: row.receivedAt.toISOString(),
    payload: readPayload(row.payload),
  };
}

/** JSON when it parses; a query string (the answer webhook as a GET) as its fields; else the text as stored. */
export function readPayload(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  if (/^[^\s=&]+=[^\s]*$/.test(trimmed)) return Object.fromEntries(new URLSearchParams(trimmed));
  return text;
}
