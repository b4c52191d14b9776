import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { numbers } from '@/db/schema';
import type { Issue } from '@/lib/api/issues';
import { bumpRoutingRevision, type DbTransaction } from '@/lib/app-state';
import { applyBinding, bindingChanged, UNBOUND } from './binding';
import type { NewNumber, NumberChanges } from './number-input';
import { getNumber, type NumberEntry } from './read';

export type CreateNumberResult =
  | { ok: true; number: NumberEntry }
  | { ok: false; reason: 'exists' }
  | { ok: false; reason: 'invalid_binding'; issues: Issue[] };

export type UpdateNumberResult =
  | { ok: true; number: NumberEntry }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid_binding'; issues: Issue[] };

/*
 * Every write that changes what answers a number bumps the routing revision in the same transaction, so a
 * cache that sees the new revision also sees the new binding. Transactions take the write lock up front:
 * the binding is checked and written under one lock.
 */

export function createNumber(db: Db, input: NewNumber, now = new Date()): CreateNumberResult {
  return db.transaction(
    (tx): CreateNumberResult => {
      if (getNumber(tx, input.number)) return { ok: false, reason: 'exists' };
      const result = applyBinding(tx, UNBOUND, input);
      if (!result.ok) return { ok: false, reason: 'invalid_binding', issues: result.issues };
      tx.insert(numbers)
        .values({ number: input.number, label: input.label, ...result.binding, createdAt: now, updatedAt: now })
        .run();
      // Even an unbound number changes routing: a cache may hold "unknown number" for it.
      bumpRoutingRevision(tx);
      return { ok: true, number: mustGet(tx, input.number) };
    },
    { behavior: 'immediate' },
  );
}

export function updateNumber(db: Db, number: string, changes: NumberChanges, now = new Date()): UpdateNumberResult {
  return db.transaction(
    (tx): UpdateNumberResult => {
      const current = getNumber(tx, number);
      if (!current) return { ok: false, reason: 'not_found' };
      const result = applyBinding(tx, current, changes);
      if (!result.ok) return { ok: false, reason: 'invalid_binding', issues: result.issues };
      tx.update(numbers)
        .set({ label: changes.label, ...result.binding, updatedAt: now })
        .where(eq(numbers.number, number))
        .run();
      if (bindingChanged(current, result.binding)) bumpRoutingRevision(tx);
      return { ok: true, number: mustGet(tx, number) };
    },
    { behavior: 'immediate' },
  );
}

/** Deletes a number; false when there was none. */
export function deleteNumber(db: Db, number: string): boolean {
  return db.transaction(
    (tx) => {
      const deleted = tx.delete(numbers).where(eq(numbers.number, number)).run().changes > 0;
      if (deleted) bumpRoutingRevision(tx);
      return deleted;
    },
    { behavior: 'immediate' },
  );
}

function mustGet(tx: DbTransaction, number: string): NumberEntry {
  const entry = getNumber(tx, number);
  if (!entry) throw new Error(`number ${number} vanished inside its own transaction`);
  return entry;
}
