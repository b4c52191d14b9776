import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { flows, flowVersions, numbers } from '@/db/schema';
import type { DbTransaction } from '@/lib/app-state';

/** Columns a number is shown with: its binding plus the flow's name and version number, for display. */
const COLUMNS = {
  number: numbers.number,
  label: numbers.label,
  flowId: numbers.flowId,
  flowName: flows.name,
  versionId: numbers.versionId,
  versionNumber: flowVersions.number,
  createdAt: numbers.createdAt,
  updatedAt: numbers.updatedAt,
};

function selectNumbers(db: Db | DbTransaction) {
  return db
    .select(COLUMNS)
    .from(numbers)
    .leftJoin(flows, eq(flows.id, numbers.flowId))
    .leftJoin(flowVersions, eq(flowVersions.id, numbers.versionId));
}

export type NumberEntry = ReturnType<ReturnType<typeof selectNumbers>['all']>[number];

/** Every configured number, in digit order. */
export function listNumbers(db: Db): NumberEntry[] {
  return selectNumbers(db).orderBy(asc(numbers.number)).all();
}

export function getNumber(db: Db | DbTransaction, number: string): NumberEntry | null {
  return selectNumbers(db).where(eq(numbers.number, number)).get() ?? null;
}

/** What answers a call to `number`: its flow and live version, or null (unknown, or nothing live yet). */
export function resolveNumber(db: Db, number: string): { flowId: string; versionId: string } | null {
  const row = db
    .select({ flowId: numbers.flowId, versionId: numbers.versionId })
    .from(numbers)
    .where(eq(numbers.number, number))
    .get();
  return row?.flowId && row.versionId ? { flowId: row.flowId, versionId: row.versionId } : null;
}
