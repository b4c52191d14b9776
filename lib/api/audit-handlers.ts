import type { Db } from '@/db/client';
import type { AuditRow } from '@/db/accounts-schema';
import { zodIssues } from './issues';
import { AuditFilterSchema, listAudit } from '@/lib/audit/list';
import { json, problem } from './responses';

export type AuditListBody = { entries: AuditRow[] };

/** GET /api/audit?actor=&action=&from=&to=&before=&limit= (newest first; `before` pages back by id). */
export function handleListAudit(db: Db, request: Request): Response {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const filter = AuditFilterSchema.safeParse(query);
  if (!filter.success) return problem(400, 'invalid_request', 'The filters are not valid', zodIssues(filter.error));
  return json({ entries: listAudit(db, filter.data) } satisfies AuditListBody);
}
