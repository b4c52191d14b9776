import type { WebhookEventRow } from '@/db/schema';
import type { TraceStep } from '@/lib/runtime/engine';

/**
 * One webhook answer's runtime steps are stored in one row and read back as one event per step. A row per
 * step cost the webhook thread as much as the rest of an answer put together (each row with its five index
 * entries); readers never see the difference. Two forms:
 * - a row of type `runtime:trace`, its payload the steps as a JSON array;
 * - the `trace` column of the row of the request the steps answered (the answer webhook's), read back as that
 *   request's event followed by the steps: one row per answer instead of two.
 *
 * Ids stay those of one event per step: the row is stored with the last id of a block as long as the events
 * it holds (record.ts skips the ids before it), and they take the block's ids in order. So ids still only
 * grow, every event has its own, and cursors and Last-Event-ID work on steps as on any event.
 */
export const TRACE_TYPE = 'runtime:trace';

/** The steps as stored, in a trace row's payload or a request row's `trace`: the (already redacted) steps as one JSON array. */
export function tracePayload(steps: readonly TraceStep[]): string {
  return JSON.stringify(steps);
}

/** How many events a stored row holds: its steps, plus the request itself when they ride on its row. */
function eventCount(row: WebhookEventRow): number {
  if (row.trace !== null) return 1 + parseSteps(row.trace).length;
  return row.type === TRACE_TYPE ? parseSteps(row.payload).length : 1;
}

/** The first id of the block a stored row spans; the row's own id for any other event. */
export function firstIdOf(row: WebhookEventRow): number {
  return row.id - eventCount(row) + 1;
}

/**
 * A stored row as the events it holds: a trace row as its steps, a request row with a trace as itself then
 * its steps, each step with the id, type, node, status and problem a row of its own had; any other row as
 * itself.
 */
export function expandEvent(row: WebhookEventRow): WebhookEventRow[] {
  if (row.trace !== null) {
    const steps = parseSteps(row.trace);
    const first = row.id - steps.length;
    // The steps are the runtime's, not the request's: as a trace row of the request's key stored them.
    const runtime: WebhookEventRow = { ...row, source: 'runtime', legUuid: null, parsedOk: true, trace: null, dedupeKey: row.dedupeKey === null ? null : `runtime:${row.dedupeKey}` };
    return [{ ...row, id: first, trace: null }, ...steps.map((step, index) => stepEvent(runtime, step, first + 1 + index, index))];
  }
  if (row.type !== TRACE_TYPE) return [row];
  const steps = parseSteps(row.payload);
  const first = row.id - steps.length + 1;
  return steps.map((step, index) => stepEvent(row, step, first + index, index));
}

export function expandEvents(rows: readonly WebhookEventRow[]): WebhookEventRow[] {
  return rows.flatMap(expandEvent);
}

/** One step as an event of `row` (a trace row, or a request row taken as one). */
function stepEvent(row: WebhookEventRow, step: TraceStep, id: number, index: number): WebhookEventRow {
  return {
    ...row,
    id,
    type: `runtime:${step.type}`,
    nodeId: step.nodeId,
    status: statusOf(step),
    dedupeKey: row.dedupeKey === null ? null : `${row.dedupeKey}:${index}`,
    payload: JSON.stringify(step),
    problem: step.type === 'error' ? step.message : null,
  };
}

/** The steps of a trace. We wrote it ourselves, as a JSON array of steps. */
function parseSteps(json: string): TraceStep[] {
  return JSON.parse(json) as TraceStep[];
}

/** A short machine-readable detail per step: the kind entered, the handle taken, the HTTP status. */
export function statusOf(step: TraceStep): string | null {
  switch (step.type) {
    case 'enter':
      return step.kind;
    case 'decision':
      return step.handle;
    case 'http':
      return step.status === null ? (step.failure ?? 'failed') : String(step.status);
    case 'end':
      return step.reason;
    case 'error':
      return step.code;
    case 'vars':
    case 'defer':
    case 'goto':
    case 'wait':
    case 'note':
      return null;
    default:
      return step satisfies never;
  }
}
