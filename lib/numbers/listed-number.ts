import type { Db } from '@/db/client';
import { lastCallTo, type LastCall } from './last-call';
import { listNumbers, type NumberEntry } from './read';

/** A number as the Numbers page lists it: its settings and binding, plus its newest call. */
export type ListedNumber = NumberEntry & { lastCall: LastCall | null };

export function listNumbersWithLastCall(db: Db): ListedNumber[] {
  return listNumbers(db).map((entry) => ({ ...entry, lastCall: lastCallTo(db, entry.number) }));
}
