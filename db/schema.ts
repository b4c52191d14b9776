import { foreignKey, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
  },
  (t) => [
    index('calls_started_at').on(t.startedAt),
    index('calls_number').on(t.number),
    // Deleting a flow nulls these links; without the indexes every deleted version would scan all calls.
    index('calls_flow_id').on(t.flowId),
    index('calls_version_id').on(t.versionId),
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

export const WEBHOOK_SOURCES = ['voice', 'rtc', 'input', 'connect', 'recording', 'fallback', 'answer'] as const;

/**
 * Every webhook request, stored raw before it is parsed (the event log is the product's debugger, and a
 * payload we fail to read is exactly the one worth seeing). No foreign key to calls: events arrive for
 * calls we never answered, and before the answer webhook. `dedupeKey` drops Vonage's retries.
 */
export const webhookEvents = sqliteTable(
  'webhook_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source', { enum: WEBHOOK_SOURCES }).notNull(),
    callUuid: text('call_uuid'),
    conversationUuid: text('conversation_uuid'),
    status: text('status'),
    dedupeKey: text('dedupe_key').unique(),
    payload: text('payload').notNull(),
    parsedOk: integer('parsed_ok', { mode: 'boolean' }).notNull(),
    problem: text('problem'),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('webhook_events_call_uuid').on(t.callUuid),
    index('webhook_events_conversation_uuid').on(t.conversationUuid),
    index('webhook_events_received_at').on(t.receivedAt),
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
