import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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

export type FlowRow = typeof flows.$inferSelect;
export type NewFlowRow = typeof flows.$inferInsert;
