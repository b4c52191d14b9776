import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { draftSnapshots, flows } from '@/db/schema';
import { newId } from '@/lib/flow/ids';

/** Draft snapshot ids stand where version ids stand (CallState, continuation tokens); the prefix tells them apart. */
const PREFIX = 'dsn';

export function isDraftSnapshotId(id: string): boolean {
  return id.startsWith(`${PREFIX}_`);
}

export type DraftSnapshot = { id: string; flowId: string; revision: number; document: unknown };

/**
 * The snapshot of a flow's current draft, taken once per flow revision: every test call on the same revision
 * shares it, and a call keeps the one it started with however the draft is edited afterwards. Null when the
 * flow does not exist. Insert-or-ignore then read, so two calls racing on a new revision share one snapshot.
 */
export function snapshotDraft(db: Db, flowId: string, now = new Date()): DraftSnapshot | null {
  return db.transaction(
    (tx) => {
      const flow = tx.select({ revision: flows.revision, document: flows.document }).from(flows).where(eq(flows.id, flowId)).get();
      if (!flow) return null;
      tx.insert(draftSnapshots)
        .values({ id: newId(PREFIX), flowId, revision: flow.revision, document: flow.document, createdAt: now })
        .onConflictDoNothing()
        .run();
      const row = tx
        .select()
        .from(draftSnapshots)
        .where(and(eq(draftSnapshots.flowId, flowId), eq(draftSnapshots.revision, flow.revision)))
        .get();
      return row ? { id: row.id, flowId: row.flowId, revision: row.revision, document: row.document } : null;
    },
    { behavior: 'immediate' },
  );
}

export function getDraftSnapshot(db: Db, id: string): DraftSnapshot | null {
  const row = db.select().from(draftSnapshots).where(eq(draftSnapshots.id, id)).get();
  return row ? { id: row.id, flowId: row.flowId, revision: row.revision, document: row.document } : null;
}
