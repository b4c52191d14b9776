import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { calls } from '@/db/schema';
import type { CallEffect } from '@/lib/events/types';
import { isFailedLegStatus, isFinalLegStatus } from '@/lib/events/types';
import { updateCallStatus } from '@/lib/voice/call-status';

/**
 * Writes what one newly stored event established onto its call's row. Each fact is written once and
 * never undone by a later event (the first end time, the first failure), so deliveries arriving out of
 * order (Vonage does not promise order) cannot flip a finished call back.
 */
export function applyCallEffect(db: Db, callUuid: string, effect: CallEffect, now: Date): void {
  switch (effect.type) {
    case 'leg-status': {
      // A connected leg's status is that leg's story, not the call's.
      if (effect.legUuid !== callUuid) return;
      updateCallStatus(db, callUuid, effect.status, now);
      if (isFinalLegStatus(effect.status)) {
        db.update(calls)
          .set({ endedAt: effect.endedAt ?? now, ...(effect.duration !== null && { duration: effect.duration }) })
          .where(and(eq(calls.uuid, callUuid), isNull(calls.endedAt)))
          .run();
      }
      if (isFailedLegStatus(effect.status)) setFailure(db, callUuid, `The call was ${effect.status}`);
      return;
    }
    case 'waiting':
      db.update(calls).set({ waitingNodeId: effect.nodeId, waitingKind: effect.kind }).where(eq(calls.uuid, callUuid)).run();
      return;
    case 'voicemail':
      db.update(calls).set({ voicemail: true }).where(eq(calls.uuid, callUuid)).run();
      return;
    case 'transferred':
      db.update(calls).set({ transferred: true }).where(eq(calls.uuid, callUuid)).run();
      return;
    case 'failed':
      setFailure(db, callUuid, effect.reason);
      return;
    default:
      return effect satisfies never;
  }
}

function setFailure(db: Db, callUuid: string, reason: string): void {
  db.update(calls).set({ failure: reason }).where(and(eq(calls.uuid, callUuid), isNull(calls.failure))).run();
}
