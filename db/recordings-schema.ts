import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A recording Vonage made for a Record node (voicemail), as its recording event described it, for the
 * voicemail inbox. The audio stays with Vonage: `recordingUrl` is fetched through Switchboard on playback
 * (lib/recordings/audio-proxy.ts). No foreign keys, like the event log: a recording outlives its flow, and
 * retention prunes recordings with the events.
 */
export const recordings = sqliteTable(
  'recordings',
  {
    id: text('id').primaryKey(),
    recordingUuid: text('recording_uuid').notNull().unique(),
    callUuid: text('call_uuid'),
    conversationUuid: text('conversation_uuid'),
    flowId: text('flow_id'),
    /** The Record node that made it, when the call's runtime steps say which. */
    nodeId: text('node_id'),
    /** Who called, and the number they called (empty when the call is unknown). */
    caller: text('caller').notNull().default(''),
    called: text('called').notNull().default(''),
    recordingUrl: text('recording_url').notNull(),
    size: integer('size'),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
    /** Seconds between start_time and end_time. */
    duration: integer('duration'),
    transcript: text('transcript'),
    transcriptionUrl: text('transcription_url'),
    simulated: integer('simulated', { mode: 'boolean' }).notNull().default(false),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('recordings_received_at').on(t.receivedAt, t.id), index('recordings_flow_id').on(t.flowId, t.receivedAt)],
);

export type RecordingRow = typeof recordings.$inferSelect;
