import type { Db } from '@/db/client';
import { preparedFor } from '@/lib/prepared';
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
        statements(db).ended.run((effect.endedAt ?? now).getTime(), effect.duration, callUuid);
      }
      if (isFailedLegStatus(effect.status)) setFailure(db, callUuid, `The call was ${effect.status}`);
      return;
    }
    case 'waiting':
      statements(db).waiting.run(effect.nodeId, effect.kind, callUuid);
      return;
    case 'voicemail':
      statements(db).voicemail.run(callUuid);
      return;
    case 'transferred':
      statements(db).transferred.run(callUuid);
      return;
    case 'failed':
      setFailure(db, callUuid, effect.reason);
      return;
    default:
      return effect satisfies never;
  }
}

function setFailure(db: Db, callUuid: string, reason: string): void {
  statements(db).failure.run(reason, callUuid);
}

// Prepared once per database: every runtime step and call event lands here.
const statements = preparedFor((db) => ({
  // A duration is only known on `completed`; another final status keeps whatever was there.
  ended: db.$client.prepare('UPDATE calls SET ended_at = ?, duration = coalesce(?, duration) WHERE uuid = ? AND ended_at IS NULL'),
  waiting: db.$client.prepare('UPDATE calls SET waiting_node_id = ?, waiting_kind = ? WHERE uuid = ?'),
  voicemail: db.$client.prepare('UPDATE calls SET voicemail = 1 WHERE uuid = ?'),
  transferred: db.$client.prepare('UPDATE calls SET transferred = 1 WHERE uuid = ?'),
  failure: db.$client.prepare('UPDATE calls SET failure = ? WHERE uuid = ? AND failure IS NULL'),
}));
