import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { numbers } from '@/db/schema';
import { bumpRoutingRevision } from '@/lib/app-state';
import type { VonageOutcome } from './number-outcome';
import { numberRow } from './number-row';

/** What Vonage said, as the number's stored link state; local numbers keep theirs (null: never on Vonage). */
function linkColumns(vonage: VonageOutcome, now: Date) {
  switch (vonage.status) {
    case 'linked':
      return { vonageStatus: 'linked' as const, vonageError: null, vonageCheckedAt: now };
    case 'failed':
      return { vonageStatus: 'failed' as const, vonageError: vonage.message, vonageCheckedAt: now };
    case 'local':
    case 'unchecked':
      return {};
    default:
      return vonage satisfies never;
  }
}

/**
 * Points each number whose Vonage side succeeded (or that has none) at the version, and records what
 * Vonage said, in one transaction with the routing revision. A number Vonage refused keeps the binding it
 * had: it never claims a version Vonage will not route to it. One Vonage owns but Switchboard did not know
 * yet is added, bound to the flow with no live version when it was refused, so the Numbers page shows it
 * and the reason. Re-running with the same outcome changes nothing but the check time.
 */
export function bindNumbers(db: Db, flowId: string, versionId: string, outcomes: readonly { number: string; vonage: VonageOutcome }[], now: Date): void {
  db.transaction(
    (tx) => {
      let routingChanged = false;
      for (const { number, vonage } of outcomes) {
        const row = numberRow(tx, number);
        const refused = vonage.status === 'failed';
        const link = linkColumns(vonage, now);
        if (!row) {
          tx.insert(numbers).values({ number, label: '', flowId, versionId: refused ? null : versionId, ...link, createdAt: now, updatedAt: now }).run();
          routingChanged = true;
        } else if (refused) {
          tx.update(numbers).set(link).where(eq(numbers.number, number)).run();
        } else {
          routingChanged ||= row.flowId !== flowId || row.versionId !== versionId;
          tx.update(numbers).set({ flowId, versionId, ...link, updatedAt: now }).where(eq(numbers.number, number)).run();
        }
      }
      if (routingChanged) bumpRoutingRevision(tx);
    },
    { behavior: 'immediate' },
  );
}
