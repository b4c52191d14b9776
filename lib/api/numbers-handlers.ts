import type { Db } from '@/db/client';
import { auditActor, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import { NewNumberSchema, NumberChangesSchema } from '@/lib/numbers/number-input';
import { listNumbersWithLastCall, type ListedNumber } from '@/lib/numbers/listed-number';
import { getNumber, type NumberEntry } from '@/lib/numbers/read';
import { createNumber, deleteNumber, updateNumber } from '@/lib/numbers/write';
import type { Issue } from './issues';
import { readJson } from './read-json';
import { json, problem } from './responses';

/** Response bodies; clients read them as `Wire<...>` (dates as ISO strings). */
export type NumberListBody = { numbers: ListedNumber[] };
export type NumberBody = { number: NumberEntry };

export type NumberParams = { number: string };

const notFound = (number: string) => problem(404, 'not_found', `The number ${JSON.stringify(number)} is not set up in Switchboard`);
const invalid = (issues: Issue[]) => problem(400, 'invalid_request', 'The request is not valid', issues);

/** GET /api/numbers */
export function handleListNumbers(db: Db): Response {
  return json({ numbers: listNumbersWithLastCall(db) } satisfies NumberListBody);
}

/** POST /api/numbers: a number, optionally bound to a flow and its live version. */
export async function handleCreateNumber(db: Db, request: Request, actor: Actor): Promise<Response> {
  const body = await readJson(request, NewNumberSchema);
  if (!body.ok) return body.response;
  const result = createNumber(db, body.data);
  if (result.ok) {
    const { number: entry } = result;
    recordAudit(db, { action: 'number.created', ...auditActor(actor), target: { type: 'number', id: entry.number }, details: binding(entry) });
    return json({ number: entry } satisfies NumberBody, 201);
  }
  switch (result.reason) {
    case 'exists':
      return problem(409, 'number_exists', `${body.data.number} is already set up; change it instead`);
    case 'invalid_binding':
      return invalid(result.issues);
    default:
      return result satisfies never;
  }
}

/** GET /api/numbers/:number */
export function handleGetNumber(db: Db, _request: Request, { number }: NumberParams): Response {
  const entry = getNumber(db, number);
  return entry ? json({ number: entry } satisfies NumberBody) : notFound(number);
}

/** PUT /api/numbers/:number: label and binding; null unbinds. */
export async function handleUpdateNumber(db: Db, request: Request, actor: Actor, { number }: NumberParams): Promise<Response> {
  const body = await readJson(request, NumberChangesSchema);
  if (!body.ok) return body.response;
  const before = getNumber(db, number);
  const result = updateNumber(db, number, body.data);
  if (result.ok) {
    const { number: entry } = result;
    // Before and after, so a move back to an older version reads as the rollback it is.
    const details = { from: before && binding(before), to: binding(entry) };
    recordAudit(db, { action: 'number.changed', ...auditActor(actor), target: { type: 'number', id: number }, details });
    return json({ number: entry } satisfies NumberBody);
  }
  switch (result.reason) {
    case 'not_found':
      return notFound(number);
    case 'invalid_binding':
      return invalid(result.issues);
    default:
      return result satisfies never;
  }
}

/** DELETE /api/numbers/:number: calls to it get the fallback from now on. */
export function handleDeleteNumber(db: Db, _request: Request, actor: Actor, { number }: NumberParams): Response {
  const before = getNumber(db, number);
  if (!before || !deleteNumber(db, number)) return notFound(number);
  recordAudit(db, { action: 'number.deleted', ...auditActor(actor), target: { type: 'number', id: number }, details: binding(before) });
  return new Response(null, { status: 204 });
}

/** What an audit entry keeps of a number: its label and what answered it. */
function binding({ label, flowId, flowName, versionId, versionNumber }: NumberEntry) {
  return { label, flowId, flowName, versionId, versionNumber };
}
