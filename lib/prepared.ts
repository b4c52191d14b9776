import type { Db } from '@/db/client';
import { oncePer } from './once-per';

/**
 * A statement prepared once per database handle, on first use. The webhook hot path runs the same few
 * queries thousands of times a second: building their SQL each time would cost more than running them.
 */
export function preparedFor<T>(prepare: (db: Db) => T): (db: Db) => T {
  return oncePer(prepare);
}
