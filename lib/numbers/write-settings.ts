import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { numbers } from '@/db/schema';
import type { Issue } from '@/lib/api/issues';
import { bumpRoutingRevision } from '@/lib/app-state';
import type { NumberSettings } from './number-settings';
import { getNumber, type NumberEntry } from './read';

export type UpdateSettingsResult =
  | { ok: true; before: NumberEntry; number: NumberEntry }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid'; issues: Issue[] };

/**
 * Changes who reaches the draft and the hours override. Both change what callers hear, so the routing
 * revision moves in the same transaction: a cache of resolveNumber that sees the new revision sees them too.
 * An override other than "closed" clears the message, which would otherwise wait unseen for the next closure.
 */
export function updateNumberSettings(db: Db, number: string, settings: NumberSettings, now = new Date()): UpdateSettingsResult {
  return db.transaction(
    (tx): UpdateSettingsResult => {
      const before = getNumber(tx, number);
      if (!before) return { ok: false, reason: 'not_found' };
      const hoursOverride = settings.hoursOverride ?? before.hoursOverride;
      if (settings.overrideMessage && hoursOverride !== 'closed') {
        const message = 'A message is only spoken while the number is forced closed: set hoursOverride to "closed" too';
        return { ok: false, reason: 'invalid', issues: [{ path: 'overrideMessage', message }] };
      }
      const overrideMessage = hoursOverride === 'closed' ? (settings.overrideMessage ?? before.overrideMessage) : '';
      tx.update(numbers)
        .set({ testCallers: settings.testCallers ?? before.testCallers, hoursOverride, overrideMessage, updatedAt: now })
        .where(eq(numbers.number, number))
        .run();
      bumpRoutingRevision(tx);
      const after = getNumber(tx, number);
      if (!after) throw new Error(`number ${number} vanished inside its own transaction`);
      return { ok: true, before, number: after };
    },
    { behavior: 'immediate' },
  );
}
