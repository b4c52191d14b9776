import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { calls, flows, recordings, webhookEvents, type RecordingRow } from '@/db/schema';
import { ofCall } from '@/lib/events/of-call';
import { expandEvents, TRACE_TYPE } from '@/lib/events/trace-row';
import { dateOrNull } from '@/lib/events/voice-input';
import type { RecordingEvent } from '@/lib/events/voice-shapes';

export const RECORDINGS_PAGE_SIZE = 50;

/** The call a recording event was correlated with (lib/events/correlate.ts), if any. */
export type RecordingOwner = { callUuid: string | null; flowId: string | null; simulated: boolean };

/**
 * Files a recording for the voicemail inbox: who called and which Record node made it (the call's last
 * step into a Record node). Returns the new row, or null when this recording is already filed.
 */
export function saveRecording(db: Db, event: RecordingEvent, owner: RecordingOwner, now: Date): RecordingRow | null {
  const call = owner.callUuid ? db.select({ from: calls.from, to: calls.to }).from(calls).where(eq(calls.uuid, owner.callUuid)).get() : undefined;
  const startedAt = dateOrNull(event.start_time);
  const endedAt = dateOrNull(event.end_time);
  return (
    db
      .insert(recordings)
      .values({
        id: `rec_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
        recordingUuid: event.recording_uuid,
        callUuid: owner.callUuid,
        conversationUuid: event.conversation_uuid ?? null,
        flowId: owner.flowId,
        nodeId: owner.callUuid ? recordNodeOf(db, owner.callUuid) : null,
        caller: call?.from ?? '',
        called: call?.to ?? '',
        recordingUrl: event.recording_url,
        size: typeof event.size === 'number' ? event.size : null,
        startedAt,
        endedAt,
        duration: startedAt && endedAt ? Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 1000)) : null,
        simulated: owner.simulated,
        receivedAt: now,
      })
      .onConflictDoNothing({ target: recordings.recordingUuid })
      .returning()
      .get() ?? null
  );
}

/** The Record node the call last entered, from its runtime steps (stored one row per webhook answer). */
function recordNodeOf(db: Db, callUuid: string): string | null {
  const rows = db
    .select()
    .from(webhookEvents)
    // Steps ride on trace rows and on answer requests' rows; 'runtime:enter' rows are steps stored before either.
    .where(and(ofCall(callUuid), or(inArray(webhookEvents.type, [TRACE_TYPE, 'runtime:enter']), isNotNull(webhookEvents.trace))))
    .orderBy(asc(webhookEvents.id))
    .all();
  const entered = expandEvents(rows).filter((event) => event.type === 'runtime:enter' && event.status === 'record');
  return entered.at(-1)?.nodeId ?? null;
}

/** Attaches a transcript (its text, or where to fetch it) to a filed recording; false when there is none. */
export function setTranscript(db: Db, recordingUuid: string, transcript: { text?: string; url?: string }): boolean {
  const values = {
    ...(transcript.text !== undefined && { transcript: transcript.text }),
    ...(transcript.url !== undefined && { transcriptionUrl: transcript.url }),
  };
  if (Object.keys(values).length === 0) return false;
  return db.update(recordings).set(values).where(eq(recordings.recordingUuid, recordingUuid)).run().changes > 0;
}

export function getRecording(db: Db, id: string): RecordingRow | null {
  return db.select().from(recordings).where(eq(recordings.id, id)).get() ?? null;
}

export const RecordingFilterSchema = z.object({
  flowId: z.string().trim().max(200).optional().or(z.literal('').transform(() => undefined)),
  /** The received time (ms) and id of the last row seen: the next page. */
  before: z.string().regex(/^\d+\.rec_\w+$/).optional().or(z.literal('').transform(() => undefined)),
  limit: z.coerce.number().int().min(1).max(200).default(RECORDINGS_PAGE_SIZE),
});
export type RecordingFilter = z.infer<typeof RecordingFilterSchema>;

export type RecordingSummary = RecordingRow & { flowName: string | null };

/** Newest first, keyset-paged on (received_at, id). */
export function listRecordings(db: Db, filter: RecordingFilter): { recordings: RecordingSummary[]; next: string | null } {
  const conditions: SQL[] = [];
  if (filter.flowId) conditions.push(eq(recordings.flowId, filter.flowId));
  if (filter.before) {
    const dot = filter.before.indexOf('.');
    const [at, id] = [Number(filter.before.slice(0, dot)), filter.before.slice(dot + 1)];
    conditions.push(sql`(${recordings.receivedAt}, ${recordings.id}) < (${at}, ${id})`);
  }
  const rows = db
    .select({ recording: recordings, flowName: flows.name })
    .from(recordings)
    .leftJoin(flows, eq(flows.id, recordings.flowId))
    .where(and(...conditions))
    .orderBy(desc(recordings.receivedAt), desc(recordings.id))
    .limit(filter.limit + 1)
    .all();
  const page = rows.slice(0, filter.limit).map(({ recording, flowName }) => ({ ...recording, flowName }));
  const last = page.at(-1);
  return { recordings: page, next: rows.length > filter.limit && last ? `${last.receivedAt.getTime()}.${last.id}` : null };
}
