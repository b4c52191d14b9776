import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { calls } from '@/db/schema';

/** Statuses after which a call is over; a late `ringing` must not reopen it. */
const FINAL = new Set(['completed', 'busy', 'cancelled', 'unanswered', 'rejected', 'failed', 'timeout']);

/** Keeps a call's status current from its events; `human`/`machine` are detections, not states. */
export function updateCallStatus(db: Db, uuid: string, status: string, now: Date): void {
  if (status === 'human' || status === 'machine') return;
  const row = db.select({ status: calls.status }).from(calls).where(eq(calls.uuid, uuid)).get();
  if (!row || (row.status && FINAL.has(row.status))) return;
  db.update(calls).set({ status, updatedAt: now }).where(eq(calls.uuid, uuid)).run();
}
