import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { flows, flowVersions, numbers } from '@/db/schema';
import type { DbTransaction } from '@/lib/app-state';
import type { HoursOverride } from './number-settings';

/** Columns a number is shown with: its binding plus the flow's name and version number, for display. */
const COLUMNS = {
  number: numbers.number,
  label: numbers.label,
  flowId: numbers.flowId,
  flowName: flows.name,
  versionId: numbers.versionId,
  versionNumber: flowVersions.number,
  testCallers: numbers.testCallers,
  hoursOverride: numbers.hoursOverride,
  overrideMessage: numbers.overrideMessage,
  vonageStatus: numbers.vonageStatus,
  vonageError: numbers.vonageError,
  vonageCheckedAt: numbers.vonageCheckedAt,
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

/**
 * What answers a call to a number: its flow, the live version (null: nothing live yet, callers hear the
 * apology), who reaches the draft instead, and the hours override. A plain serialisable object from one
 * read, so a routing cache (keyed by number, invalidated by the routing revision) can hold it as is.
 */
export type NumberRoute = {
  flowId: string | null;
  versionId: string | null;
  testCallers: string[];
  hoursOverride: HoursOverride;
  overrideMessage: string;
};

/** The routing entry of `number`, or null when Switchboard does not know it. */
export function resolveNumber(db: Db, number: string): NumberRoute | null {
  const row = db
    .select({
      flowId: numbers.flowId,
      versionId: numbers.versionId,
      testCallers: numbers.testCallers,
      hoursOverride: numbers.hoursOverride,
      overrideMessage: numbers.overrideMessage,
    })
    .from(numbers)
    .where(eq(numbers.number, number))
    .get();
  return row ?? null;
}
