import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog } from '@/db/accounts-schema';
import type { AuditAction, AuditTargetType } from './actions';

/** Who did it: a user (id and email as they were then), or only a typed email for a failed sign-in. */
export type AuditActor = { id: string | null; email: string | null };

export type NewAuditEntry = {
  action: AuditAction;
  actor: AuditActor | null;
  target?: { type: AuditTargetType; id: string };
  details?: Record<string, unknown>;
  ip: string | null;
};

/**
 * Autosave writes a flow every second or so while someone works. An edit by the same person to the same
 * target within this window replaces the previous entry (keeping when the run of saves began and how many
 * there were), so the log reads as "edited the flow", not as hundreds of saves.
 */
export const EDIT_COALESCE_MS = 15 * 60_000;

export function recordAudit(db: Db, entry: NewAuditEntry, now = new Date(), { coalesce = false } = {}): void {
  const row = {
    at: now,
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    details: entry.details ?? {},
    ip: entry.ip,
  };
  if (coalesce && row.actorId && row.targetType && row.targetId) {
    // Only a run of edits with nothing else in between (a publish, someone else's edit) is merged.
    const latest = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, row.targetType), eq(auditLog.targetId, row.targetId)))
      .orderBy(desc(auditLog.id))
      .get();
    const previous =
      latest && latest.action === row.action && latest.actorId === row.actorId && latest.at.getTime() > now.getTime() - EDIT_COALESCE_MS
        ? latest
        : undefined;
    if (previous) {
      // Replaced rather than updated, so the entry moves to the top of the log with its new time.
      const saves = (typeof previous.details.saves === 'number' ? previous.details.saves : 1) + 1;
      const since = typeof previous.details.since === 'string' ? previous.details.since : previous.at.toISOString();
      db.transaction((tx) => {
        tx.delete(auditLog).where(eq(auditLog.id, previous.id)).run();
        tx.insert(auditLog).values({ ...row, details: { ...row.details, saves, since } }).run();
      });
      return;
    }
  }
  db.insert(auditLog).values(row).run();
}
