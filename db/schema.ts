import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts-schema';

/**
 * A flow's editable draft. `document` holds behaviour (nodes, edges, settings) and `layout` the
 * node positions, kept apart so comparing two flows' behaviour ignores where boxes sit.
 * `revision` increases on every save; a save that names an older revision is refused (409).
 */
export const flows = sqliteTable('flows', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  document: text('document', { mode: 'json' }).$type<unknown>().notNull(),
  layout: text('layout', { mode: 'json' }).$type<unknown>().notNull(),
  revision: integer('revision').notNull().default(1),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * An immutable snapshot of a flow's draft, taken on publish: calls only ever run versions, so editing
 * the draft never changes a live call. Only drafts whose every node passes its kind's strict schema
 * become versions. Versions go with their flow, but numbers restrict that delete (see `numbers`).
 */
export const flowVersions = sqliteTable(
  'flow_versions',
  {
    id: text('id').primaryKey(),
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… within the flow: what people call "version 3". */
    number: integer('number').notNull(),
    document: text('document', { mode: 'json' }).$type<unknown>().notNull(),
    layout: text('layout', { mode: 'json' }).$type<unknown>().notNull(),
    note: text('note').notNull().default(''),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** Who published it (null for versions made before accounts, or by scripts without a user). */
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** The author's name as it was when publishing, so history reads the same after a rename. */
    authorName: text('author_name').notNull().default(''),
  },
  (t) => [
    uniqueIndex('flow_versions_flow_number').on(t.flowId, t.number),
    // Lets numbers reference (flow, version) as a pair, so the database itself refuses a version of another flow.
    uniqueIndex('flow_versions_flow_id_id').on(t.flowId, t.id),
  ],
);

/**
 * A Vonage number (E.164 digits) and what answers it: a flow and its live version. A number may name a
 * flow before any version is live (calls then get the fallback apology). The foreign keys restrict, so a
 * flow or version cannot vanish from under a live number.
 */
export const numbers = sqliteTable(
  'numbers',
  {
    number: text('number').primaryKey(),
    label: text('label').notNull().default(''),
    flowId: text('flow_id').references(() => flows.id, { onDelete: 'restrict' }),
    versionId: text('version_id'),
    /** Caller IDs (E.164 digits) that reach the flow's draft instead of the live version, for testing. */
    testCallers: text('test_callers', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Business-hours override honoured by every hours node on this number: follow the schedule, or force a branch. */
    hoursOverride: text('hours_override', { enum: ['schedule', 'open', 'closed'] }).notNull().default('schedule'),
    /** Spoken to callers while the number is forced closed (empty: just take the closed branch). */
    overrideMessage: text('override_message').notNull().default(''),
    /**
     * What Vonage last said about linking this number to our application: null when never tried (a local
     * number), 'linked' when Vonage accepted, 'failed' with the reason otherwise. Never 'linked' on a guess.
     */
    vonageStatus: text('vonage_status', { enum: ['linked', 'failed'] }),
    vonageError: text('vonage_error'),
    vonageCheckedAt: integer('vonage_checked_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('numbers_flow_id').on(t.flowId),
    foreignKey({ columns: [t.flowId, t.versionId], foreignColumns: [flowVersions.flowId, flowVersions.id] }).onDelete('restrict'),
  ],
);

/**
 * One phone call (or simulated call). `versionId` is pinned when the call starts; a Go to flow node moves
 * the running version inside `state` instead. Calls outlive the flows they ran, so those links go null.
 * `state` is the runtime's CallState, opaque here: the call logic owns and parses it.
 */
export const calls = sqliteTable(
  'calls',
  {
    uuid: text('uuid').primaryKey(),
    conversationUuid: text('conversation_uuid').notNull(),
    from: text('from').notNull(),
    to: text('to').notNull(),
    /** The Switchboard number that was called (routing key), kept even if the number is deleted later. */
    number: text('number').notNull(),
    flowId: text('flow_id').references(() => flows.id, { onDelete: 'set null' }),
    versionId: text('version_id').references(() => flowVersions.id, { onDelete: 'set null' }),
    state: text('state', { mode: 'json' }).$type<unknown>(),
    status: text('status').notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    simulated: integer('simulated', { mode: 'boolean' }).notNull().default(false),
    /**
     * Set when a test caller (or an outbound test call) ran the flow's draft instead of the live version:
     * the draft snapshot it ran. No foreign key: the marker must outlive the snapshot, as calls outlive flows.
     */
    draftSnapshotId: text('draft_snapshot_id'),
    // What the call's events established, kept as they arrive so the calls page reads one row per call
    // (lib/calls/facts.ts writes them, lib/calls/outcome.ts turns them into the outcome).
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
    /** Seconds, as Vonage reported them on `completed`. */
    duration: integer('duration'),
    /** The node the last webhook answer left the call waiting at (a menu's input, a connect), if any. */
    waitingNodeId: text('waiting_node_id'),
    waitingKind: text('waiting_kind'),
    voicemail: integer('voicemail', { mode: 'boolean' }).notNull().default(false),
    transferred: integer('transferred', { mode: 'boolean' }).notNull().default(false),
    /** Why the call failed (an apology served, a failed leg status); null when it did not. */
    failure: text('failure'),
    /**
     * The call's row in the `calls_numbers` FTS5 trigram index (partial number search), given by the insert
     * (lib/calls/store.ts) and indexed in a batch of calls (lib/calls/search-index.ts). Not calls' own rowid:
     * SQLite may renumber that on VACUUM for a table whose key is text.
     */
    searchId: integer('search_id'),
    /** The NCCO the answer webhook answered with: a retried answer webhook gets the same (lib/voice/answer.ts). */
    answer: text('answer', { mode: 'json' }),
    /**
     * The event of the answer request that started the call (with the steps that answered it), when the call
     * was started and answered in one insert: that event is left out of the events' call and Conversation
     * indexes (ON_CALL_INDEXES), and a call's story finds it through this id instead.
     */
    answerEventId: integer('answer_event_id'),
  },
  (t) => [
    // Keyset pagination walks (started_at, uuid) newest first; the filters lead with their own column.
    index('calls_started_at_uuid').on(t.startedAt, t.uuid),
    // Also the Numbers page's "last call" per number: newest first within one number.
    index('calls_number_started').on(t.number, t.startedAt),
    // Deleting a flow nulls these links; without the indexes every deleted version would scan all calls.
    index('calls_flow_started').on(t.flowId, t.startedAt),
    index('calls_version_id').on(t.versionId),
    index('calls_status_started').on(t.status, t.startedAt),
    // Recordings and RTC events name only the Conversation.
    index('calls_conversation_uuid').on(t.conversationUuid),
    index('calls_search_id').on(t.searchId),
  ],
);

/**
 * The answer already given to a continuation URL, keyed by a hash of its token: Vonage retries webhooks,
 * and a retry must get the same NCCO rather than advance the call twice. `response` null = empty 200.
 */
export const continuations = sqliteTable('continuations', {
  tokenHash: text('token_hash').primaryKey(),
  callUuid: text('call_uuid')
    .notNull()
    .references(() => calls.uuid, { onDelete: 'cascade' }),
  response: text('response', { mode: 'json' }).$type<unknown>(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * The events the (call_uuid, id) and (conversation_uuid, id) indexes hold: all but the answer requests a calls
 * row names (calls.answer_event_id), which are stored without a dedupe key (the calls row's uuid already
 * dedupes them). Vonage's call and Conversation uuids are random, so each of those index entries was a
 * random page of each index for the group commit to write; the row stays in the flow and time indexes. A
 * query reads these indexes only with this very condition among its own (SQLite matches it term by term):
 * use it verbatim.
 */
export const ON_CALL_INDEXES = "(source <> 'answer' OR dedupe_key IS NOT NULL)";

export const WEBHOOK_SOURCES = ['voice', 'rtc', 'input', 'connect', 'recording', 'fallback', 'answer', 'runtime'] as const;

/**
 * The event log: every webhook request, stored raw before it is parsed (the event log is the product's
 * debugger, and a payload we fail to read is exactly the one worth seeing), and every step the runtime
 * took (source 'runtime'). Append-only. No foreign keys: events arrive for calls we never answered, before
 * the answer webhook, and outlive the flows they ran. `dedupeKey` drops Vonage's retries.
 * `callUuid` is the Switchboard call the event belongs to (correlated through the leg and the
 * Conversation); `legUuid` the leg the payload names, when it names one.
 */
export const webhookEvents = sqliteTable(
  'webhook_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source', { enum: WEBHOOK_SOURCES }).notNull(),
    /** What happened, e.g. `voice:answered`, `rtc:member:joined`, `input`, `runtime:enter` (lib/events/types.ts). */
    type: text('type').notNull().default(''),
    callUuid: text('call_uuid'),
    legUuid: text('leg_uuid'),
    conversationUuid: text('conversation_uuid'),
    flowId: text('flow_id'),
    nodeId: text('node_id'),
    status: text('status'),
    simulated: integer('simulated', { mode: 'boolean' }).notNull().default(false),
    dedupeKey: text('dedupe_key'),
    payload: text('payload').notNull(),
    parsedOk: integer('parsed_ok', { mode: 'boolean' }).notNull(),
    problem: text('problem'),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    /**
     * The runtime steps this webhook's answer took (a JSON array, redacted), kept on the request's own row and
     * read back as events after it (lib/events/trace-row.ts); null for every other row.
     */
    trace: text('trace'),
  },
  (t) => [
    // A call's story and a flow's live log read newest or oldest first by id within one key.
    index('webhook_events_call_id').on(t.callUuid, t.id).where(sql.raw(ON_CALL_INDEXES)),
    index('webhook_events_conversation_id').on(t.conversationUuid, t.id).where(sql.raw(ON_CALL_INDEXES)),
    index('webhook_events_flow_id').on(t.flowId, t.id),
    index('webhook_events_received_at').on(t.receivedAt),
    // Only keyed rows can repeat (a retried delivery); every call's answer request has no key (ON_CALL_INDEXES
    // above), and an entry for each would be dead weight.
    uniqueIndex('webhook_events_dedupe_key_unique').on(t.dedupeKey).where(sql.raw('dedupe_key IS NOT NULL')),
  ],
);

/** Process-wide settings kept in the database so every process agrees (continuation secret, routing revision). */
export const appState = sqliteTable('app_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export type FlowRow = typeof flows.$inferSelect;
export type NewFlowRow = typeof flows.$inferInsert;
export type FlowVersionRow = typeof flowVersions.$inferSelect;
export type NumberRow = typeof numbers.$inferSelect;
export type CallRow = typeof calls.$inferSelect;
export type NewCallRow = typeof calls.$inferInsert;
export type ContinuationRow = typeof continuations.$inferSelect;
export type WebhookEventRow = typeof webhookEvents.$inferSelect;
export type WebhookSource = (typeof WEBHOOK_SOURCES)[number];

export * from './accounts-schema';
export * from './recordings-schema';

/**
 * A call placed by the call simulator (lib/simulator). Everything that makes a call "simulated" lives here,
 * keyed by its uuid, never in what a webhook carries: the webhook handlers look the uuid up, so a real
 * Vonage request cannot claim a pretend clock or a draft. A draft call runs `document`, the draft as it was
 * when the call started (a snapshot, so editing mid-call changes nothing); a live call runs `versionId`.
 * `view` is the carrier's state for the test-call panel; `traces` the engine's trace of every webhook.
 */
export const simulatedCalls = sqliteTable(
  'simulated_calls',
  {
    uuid: text('uuid').primaryKey(),
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    version: text('version', { enum: ['draft', 'live'] }).notNull(),
    versionId: text('version_id').references(() => flowVersions.id, { onDelete: 'set null' }),
    document: text('document', { mode: 'json' }).$type<unknown>(),
    from: text('from').notNull(),
    to: text('to').notNull(),
    /** The pretend time at the start of the call (null: the real time); it runs on from there. */
    clockAt: integer('clock_at', { mode: 'timestamp_ms' }),
    clockZone: text('clock_zone'),
    status: text('status', { enum: ['running', 'ended'] }).notNull(),
    view: text('view', { mode: 'json' }).$type<unknown>().notNull(),
    traces: text('traces', { mode: 'json' }).$type<unknown>().notNull(),
    startedBy: text('started_by'),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('simulated_calls_flow_id').on(t.flowId, t.startedAt)],
);

/** A saved test of a flow: how to place the call (`setup`) and what to do and expect (`steps`). */
export const scenarios = sqliteTable(
  'scenarios',
  {
    id: text('id').primaryKey(),
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    setup: text('setup', { mode: 'json' }).$type<unknown>().notNull(),
    steps: text('steps', { mode: 'json' }).$type<unknown>().notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('scenarios_flow_id').on(t.flowId)],
);

/**
 * A flow's draft frozen for real test calls (test callers, outbound test calls): one row per flow revision,
 * so every webhook of such a call runs the same document even if the draft is edited mid-call. The id travels
 * in CallState and continuation tokens like a version id (lib/drafts/snapshots.ts).
 */
export const draftSnapshots = sqliteTable(
  'draft_snapshots',
  {
    id: text('id').primaryKey(),
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    /** The flow's revision when the snapshot was taken. */
    revision: integer('revision').notNull(),
    document: text('document', { mode: 'json' }).$type<unknown>().notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('draft_snapshots_flow_revision').on(t.flowId, t.revision)],
);

export type DraftSnapshotRow = typeof draftSnapshots.$inferSelect;
export type SimulatedCallRow = typeof simulatedCalls.$inferSelect;
export type ScenarioRow = typeof scenarios.$inferSelect;
