import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { flowVersions, numbers } from '@/db/schema';
import { getLatestVersion, getVersion } from '@/lib/versions/read';
import type { FlowVersion } from '@/lib/versions/stored-version';

/**
 * The flow's "live" version: the newest version that a number of the flow answers with. Numbers may
 * carry different versions (a rollback on one of them); the newest is what most recent publishing made
 * live. A flow on no number falls back to its newest version (what a Go to flow node and a simulated
 * "live" call run); a flow never published has none.
 */
export function liveVersion(db: Db, flowId: string): FlowVersion | null {
  const onNumber = db
    .select({ id: flowVersions.id })
    .from(numbers)
    .innerJoin(flowVersions, eq(flowVersions.id, numbers.versionId))
    .where(and(eq(numbers.flowId, flowId), isNotNull(numbers.versionId)))
    .orderBy(desc(flowVersions.number))
    .limit(1)
    .get();
  return onNumber ? getVersion(db, onNumber.id) : getLatestVersion(db, flowId);
}

/** The numbers bound to a flow, in digit order, with the version each answers with. */
export function flowNumbers(db: Db, flowId: string): { number: string; versionId: string | null }[] {
  return db
    .select({ number: numbers.number, versionId: numbers.versionId })
    .from(numbers)
    .where(eq(numbers.flowId, flowId))
    .orderBy(numbers.number)
    .all();
}
