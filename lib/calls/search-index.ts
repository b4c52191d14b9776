import type { Db } from '@/db/client';
import { beforeCommit } from '@/lib/group-commit';
import { preparedFor } from '@/lib/prepared';

const insertNumbers = preparedFor((db) => db.$client.prepare<[number, string]>('INSERT INTO calls_numbers (rowid, numbers) VALUES (?, ?)'));

/**
 * Adds a new call's numbers to the `calls_numbers` trigram index (partial number search, lib/calls/list.ts)
 * under the call's `search_id`. In a group commit this is the group's last write: FTS5 keeps new terms in
 * memory until the commit, but any savepoint opened after its first write in a transaction (every INSERT
 * with a trigger, every nested transaction) makes it write them out as a segment of their own, and a
 * segment per call cost more than the whole calls row. Outside a group the index row is written now.
 */
export function indexCallNumbers(db: Db, searchId: number, from: string, to: string): void {
  beforeCommit(db, () => insertNumbers(db).run(searchId, `${from} ${to}`));
}
