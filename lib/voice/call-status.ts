import type { Db } from '@/db/client';
import { preparedFor } from '@/lib/prepared';

/** Statuses after which a call is over; a late `ringing` must not reopen it. */
const FINAL = new Set(['completed', 'busy', 'cancelled', 'unanswered', 'rejected', 'failed', 'timeout']);

/** Keeps a call's status current from its events; `human`/`machine` are detections, not states. */
export function updateCallStatus(db: Db, uuid: string, status: string, now: Date): void {
  if (status === 'human' || status === 'machine') return;
  const { read, write } = statements(db);
  const row = read.get(uuid);
  if (!row || (row.status && FINAL.has(row.status))) return;
  write.run(status, now.getTime(), uuid);
}

// Prepared once per database: every leg status of every call comes through here.
const statements = preparedFor((db) => ({
  read: db.$client.prepare<[string], { status: string | null }>('SELECT status FROM calls WHERE uuid = ?'),
  write: db.$client.prepare('UPDATE calls SET status = ?, updated_at = ? WHERE uuid = ?'),
}));
