import type { Db } from '@/db/client';
import { CallFilterSchema, getCallSummary, listCalls, type CallSummary } from '@/lib/calls/list';
import { eventsOfCall } from '@/lib/events/list';
import { toCallEvent, type CallEvent } from '@/lib/events/wire';
import { zodIssues } from './issues';
import { json, problem } from './responses';

export type CallListBody = { calls: CallSummary[]; nextCursor: string | null };
export type CallDetailBody = { call: CallSummary & { conversationUuid: string }; events: CallEvent[] };

/** GET /api/calls?number=&flowId=&status=&since=&until=&cursor=&limit= (newest first, keyset-paged). */
export function handleListCalls(db: Db, request: Request): Response {
  const filter = CallFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!filter.success) return problem(400, 'invalid_request', 'The filters are not valid', zodIssues(filter.error));
  return json(listCalls(db, filter.data) satisfies CallListBody);
}

/** GET /api/calls/:uuid: the call and its events in order, across its legs and its Conversation. */
export function handleGetCall(db: Db, params: { uuid: string }): Response {
  const call = getCallSummary(db, params.uuid);
  if (!call) return problem(404, 'not_found', `No call ${params.uuid}`);
  return json({ call, events: eventsOfCall(db, { uuid: call.uuid, conversationUuid: call.conversationUuid }).map(toCallEvent) } satisfies CallDetailBody);
}
