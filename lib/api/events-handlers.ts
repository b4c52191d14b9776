import { z } from 'zod';
import type { Db } from '@/db/client';
import type { EventBus } from '@/lib/events/bus';
import { EventFilterSchema, listEvents } from '@/lib/events/list';
import { eventStreamResponse } from '@/lib/events/stream';
import { toCallEvent, type CallEvent } from '@/lib/events/wire';
import { zodIssues } from './issues';
import { json, problem } from './responses';

export type EventListBody = { events: CallEvent[] };

/** GET /api/events?flowId=&callUuid=&before=&limit=: the log newest first (what a panel shows before going live). */
export function handleListEvents(db: Db, request: Request): Response {
  const filter = EventFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!filter.success) return problem(400, 'invalid_request', 'The filters are not valid', zodIssues(filter.error));
  return json({ events: listEvents(db, filter.data).map(toCallEvent) } satisfies EventListBody);
}

const StreamQuerySchema = z.object({
  flowId: EventFilterSchema.shape.flowId,
  callUuid: EventFilterSchema.shape.callUuid,
  /** For a client that cannot set headers (a new EventSource taking over another tab's stream). */
  lastEventId: z.coerce.number().int().min(0).optional(),
});
const LastEventIdSchema = z.coerce.number().int().min(0);

/**
 * GET /api/events/stream?flowId=&callUuid=: Server-Sent Events, resuming after the `Last-Event-ID` header
 * (sent by a reconnecting EventSource) or the `lastEventId` parameter.
 */
export function handleEventStream(db: Db, bus: EventBus, request: Request, options: { heartbeatMs?: number } = {}): Response {
  const query = StreamQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return problem(400, 'invalid_request', 'The filters are not valid', zodIssues(query.error));
  const header = request.headers.get('last-event-id');
  const fromHeader = header === null ? null : LastEventIdSchema.safeParse(header.trim());
  if (fromHeader && !fromHeader.success) return problem(400, 'invalid_request', 'Last-Event-ID must be an event id');
  const { flowId, callUuid, lastEventId } = query.data;
  return eventStreamResponse({
    db,
    bus,
    signal: request.signal,
    filter: { flowId, callUuid },
    lastEventId: fromHeader?.data ?? lastEventId ?? null,
    heartbeatMs: options.heartbeatMs,
  });
}
