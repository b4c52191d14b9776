import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { calls } from '@/db/schema';
import { callOutcome, type CallOutcome } from '@/lib/calls/outcome';

/** The newest call to a number, as the Numbers page shows it. */
export type LastCall = { uuid: string; at: Date; from: string; outcome: CallOutcome; simulated: boolean; draft: boolean };

/** One indexed lookup (calls_number_started) per number: the page lists tens of numbers, not thousands. */
export function lastCallTo(db: Db, number: string): LastCall | null {
  const row = db
    .select({
      uuid: calls.uuid,
      at: calls.startedAt,
      from: calls.from,
      simulated: calls.simulated,
      draftSnapshotId: calls.draftSnapshotId,
      endedAt: calls.endedAt,
      failure: calls.failure,
      voicemail: calls.voicemail,
      transferred: calls.transferred,
      waitingKind: calls.waitingKind,
    })
    .from(calls)
    .where(eq(calls.number, number))
    .orderBy(desc(calls.startedAt))
    .limit(1)
    .get();
  if (!row) return null;
  return { uuid: row.uuid, at: row.at, from: row.from, outcome: callOutcome(row), simulated: row.simulated, draft: row.draftSnapshotId !== null };
}
