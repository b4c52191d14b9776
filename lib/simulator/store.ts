import { eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { simulatedCalls, type SimulatedCallRow } from '@/db/schema';
import { preparedFor } from '@/lib/prepared';
import type { TraceStep } from '@/lib/runtime/engine';

/*
 * Storage for simulated calls: rows only. The carrier's view and the engine's traces have one writer each
 * (the carrier, the webhook handlers), so they live in separate columns and never overwrite each other.
 */

export type NewSimulatedCall = Omit<SimulatedCallRow, 'status' | 'traces' | 'startedAt' | 'updatedAt'>;

/** How long a test call's transcript is kept; its webhooks stay in the event log, which has its own retention. */
export const SIMULATED_CALL_RETENTION_DAYS = 7;

/** Forgets test calls that ended long ago (a running one is never that old: idle calls are hung up). */
export function pruneSimulatedCalls(db: Db, now = new Date()): number {
  const before = new Date(now.getTime() - SIMULATED_CALL_RETENTION_DAYS * 86_400_000);
  return db.delete(simulatedCalls).where(lt(simulatedCalls.updatedAt, before)).run().changes;
}

export function insertSimulatedCall(db: Db, call: NewSimulatedCall, now = new Date()): void {
  db.insert(simulatedCalls)
    .values({ ...call, status: 'running', traces: [], startedAt: now, updatedAt: now })
    .run();
}

// Prepared once per database: every answer and continuation asks whether its call is simulated, and a real
// call (nearly all of them) is answered by the plain probe without the full row's mapping.
const exists = preparedFor((db) => db.$client.prepare<[string], { found: number }>('SELECT 1 AS found FROM simulated_calls WHERE uuid = ?'));
const byUuid = preparedFor((db) => db.select().from(simulatedCalls).where(eq(simulatedCalls.uuid, sql.placeholder('uuid'))).prepare());

export function getSimulatedCall(db: Db, uuid: string): SimulatedCallRow | null {
  if (!exists(db).get(uuid)) return null;
  return byUuid(db).get({ uuid }) ?? null;
}

export function saveSimulatedView(db: Db, uuid: string, view: unknown, status: 'running' | 'ended', now = new Date()): void {
  db.update(simulatedCalls).set({ view, status, updatedAt: now }).where(eq(simulatedCalls.uuid, uuid)).run();
}

/** Appends one webhook's engine trace in a single statement, so concurrent webhooks cannot lose one. */
export function appendSimulatedTrace(db: Db, uuid: string, trace: readonly TraceStep[]): void {
  db.update(simulatedCalls)
    .set({ traces: sql`json_insert(${simulatedCalls.traces}, '$[#]', json(${JSON.stringify(trace)}))` })
    .where(eq(simulatedCalls.uuid, uuid))
    .run();
}

// The engine's steps are our own server's output; only their shape matters to the node tracking.
const TraceStepSchema = z.custom<TraceStep>((v) => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string');
const TracesSchema = z.array(z.array(TraceStepSchema));

/** Every trace the webhook handlers recorded for the call, in the order its webhooks were answered. */
export function simulatedTraces(row: Pick<SimulatedCallRow, 'traces'>): TraceStep[][] {
  const parsed = TracesSchema.safeParse(row.traces);
  return parsed.success ? parsed.data : [];
}

/** How many traces the webhook handlers have recorded for the call so far. */
export function simulatedTraceCount(db: Db, uuid: string): number {
  const row = db
    .select({ count: sql<number>`json_array_length(${simulatedCalls.traces})` })
    .from(simulatedCalls)
    .where(eq(simulatedCalls.uuid, uuid))
    .get();
  return row?.count ?? 0;
}
