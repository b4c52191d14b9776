import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { flows } from '@/db/schema';
import { matchesQuery } from './search';
import { toFlow, type Flow, type FlowSummary } from './stored-flow';

/** Every flow whose name matches `q` (all when empty), most recently edited first. */
export function listFlows(db: Db, { q = '' }: { q?: string } = {}): FlowSummary[] {
  const rows = db
    .select({
      id: flows.id,
      name: flows.name,
      revision: flows.revision,
      createdAt: flows.createdAt,
      updatedAt: flows.updatedAt,
      // Counted in SQL so listing never parses whole documents.
      nodeCount: sql<number>`json_array_length(${flows.document}, '$.nodes')`,
      // What the list's status column says: the newest published version, and how many numbers answer with it.
      // Written out with "flows"."id": drizzle renders a column unqualified, which inside these subqueries would
      // name the subquery's own id column.
      latestVersion: sql<number | null>`(select max(v.number) from flow_versions v where v.flow_id = "flows"."id")`,
      liveNumbers: sql<number>`(select count(*) from numbers n where n.flow_id = "flows"."id" and n.version_id is not null)`,
    })
    .from(flows)
    // rowid breaks ties between flows saved in the same millisecond: the later insert comes first.
    .orderBy(desc(flows.updatedAt), desc(sql`rowid`))
    .all();
  // Filtered here rather than with LIKE, which folds only ASCII case.
  return rows.filter((row) => matchesQuery(row.name, q));
}

/** Whether a flow exists, without loading its document. */
export function flowExists(db: Db, id: string): boolean {
  return db.select({ id: flows.id }).from(flows).where(eq(flows.id, id)).get() !== undefined;
}

/** A flow's name without loading its document (for the audit log), or null when there is no such flow. */
export function flowName(db: Db, id: string): string | null {
  return db.select({ name: flows.name }).from(flows).where(eq(flows.id, id)).get()?.name ?? null;
}

/** One flow with its document and layout, or null when there is no such flow. */
export function getFlow(db: Db, id: string): Flow | null {
  const row = db.select().from(flows).where(eq(flows.id, id)).get();
  return row ? toFlow(row) : null;
}
