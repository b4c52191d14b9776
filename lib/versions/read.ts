import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { flowVersions } from '@/db/schema';
import { toVersion, type FlowVersion, type VersionSummary } from './stored-version';

/** A flow's versions, newest first, without their documents. */
export function listVersions(db: Db, flowId: string): VersionSummary[] {
  return db
    .select({ id: flowVersions.id, number: flowVersions.number, note: flowVersions.note, createdAt: flowVersions.createdAt, authorName: flowVersions.authorName })
    .from(flowVersions)
    .where(eq(flowVersions.flowId, flowId))
    .orderBy(desc(flowVersions.number))
    .all();
}

/** One version with its document, or null. */
export function getVersion(db: Db, versionId: string): FlowVersion | null {
  const row = db.select().from(flowVersions).where(eq(flowVersions.id, versionId)).get();
  return row ? toVersion(row) : null;
}

/** A flow's newest version (what a Go to flow node runs), or null when it was never published. */
export function getLatestVersion(db: Db, flowId: string): FlowVersion | null {
  const row = db
    .select()
    .from(flowVersions)
    .where(eq(flowVersions.flowId, flowId))
    .orderBy(desc(flowVersions.number))
    .limit(1)
    .get();
  return row ? toVersion(row) : null;
}
