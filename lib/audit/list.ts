import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { auditLog, type AuditRow } from '@/db/accounts-schema';
import { AUDIT_ACTION_IDS } from './actions';

export const AUDIT_PAGE_SIZE = 50;

const DaySchema = z.iso.date({ error: 'Use a date like 2025-03-01' });

/**
 * The audit filters as they arrive in a query string (the page's GET form and GET /api/audit share them).
 * Days are whole UTC days: `to` includes the day it names.
 */
export const AuditFilterSchema = z.object({
  actor: z.string().trim().max(200).transform((v) => v || undefined).optional(),
  action: z.enum(AUDIT_ACTION_IDS, { error: 'Unknown action' }).optional().or(z.literal('').transform(() => undefined)),
  from: DaySchema.optional().or(z.literal('').transform(() => undefined)),
  to: DaySchema.optional().or(z.literal('').transform(() => undefined)),
  /** Show entries older than this id: the next page. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(AUDIT_PAGE_SIZE),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

/** Newest first. `actor` matches a user id or the email recorded with the entry. */
export function listAudit(db: Db, filter: AuditFilter): AuditRow[] {
  const conditions: SQL[] = [];
  if (filter.actor) conditions.push(filter.actor.includes('@') ? eq(auditLog.actorEmail, filter.actor) : eq(auditLog.actorId, filter.actor));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.from) conditions.push(gte(auditLog.at, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) conditions.push(lt(auditLog.at, new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000)));
  if (filter.before) conditions.push(lt(auditLog.id, filter.before));
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit)
    .all();
}
