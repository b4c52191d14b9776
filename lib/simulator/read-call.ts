import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { flowVersions } from '@/db/schema';
import { getCall } from '@/lib/calls/store';
import { localDateTime } from './clock';
import { runningCalls } from './registry';
import { getSimulatedCall } from './store';
import { CarrierViewSchema, type SimulatedCallView } from './view';

/** A simulated call as the API shows it, or null when there is no such call. */
export function readSimulatedCall(db: Db, uuid: string): SimulatedCallView | null {
  const row = getSimulatedCall(db, uuid);
  if (!row) return null;
  const call = getCall(db, uuid);
  const versionNumber = row.versionId
    ? (db.select({ number: flowVersions.number }).from(flowVersions).where(eq(flowVersions.id, row.versionId)).get()?.number ?? null)
    : null;
  return {
    ...CarrierViewSchema.parse(row.view),
    id: row.uuid,
    flowId: row.flowId,
    version: row.version,
    versionNumber,
    from: row.from,
    to: row.to,
    clock: row.clockAt && row.clockZone ? { dateTime: localDateTime(row.clockAt, row.clockZone), timeZone: row.clockZone } : null,
    // Only this process carries its calls on; one left running by an earlier process stopped with it.
    status: row.status === 'running' && !runningCalls().has(uuid) ? 'interrupted' : row.status,
    call: call ? { status: call.status, simulated: call.simulated } : null,
    startedAt: row.startedAt.toISOString(),
  };
}
