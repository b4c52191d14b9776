import type { Db } from '@/db/client';
import { preparedFor } from '@/lib/prepared';

/**
 * Makes a multi-statement write atomic without nesting transactions: inside a transaction already open on
 * the connection (a webhook group commit, a caller's own) it runs as part of that one, which commits or
 * rolls back as a whole; otherwise in a transaction of its own (made once per database).
 *
 * Not a savepoint inside the open transaction: while one is open SQLite copies every page a statement
 * touches to a sub-journal first, and FTS5 writes out its pending terms, which together cost the webhook
 * group more than the rows it writes.
 */
export function atomic<A extends unknown[], R>(fn: (db: Db, ...args: A) => R): (db: Db, ...args: A) => R {
  const own = preparedFor((db) => db.$client.transaction((...args: A) => fn(db, ...args)));
  return (db, ...args) => (db.$client.inTransaction ? fn(db, ...args) : own(db)(...args));
}
