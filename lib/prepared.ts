import type { Db } from '@/db/client';

/**
 * A statement prepared once per database handle, on first use. The webhook hot path runs the same few
 * queries thousands of times a second: building their SQL each time would cost more than running them.
 */
export function preparedFor<T>(prepare: (db: Db) => T): (db: Db) => T {
  const prepared = new WeakMap<Db, T>();
  return (db) => {
    let statement = prepared.get(db);
    if (statement === undefined) {
      statement = prepare(db);
      prepared.set(db, statement);
    }
    return statement;
  };
}
