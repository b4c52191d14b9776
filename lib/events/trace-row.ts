import type { WebhookEventRow } from '@/db/schema';
import type { TraceStep } from '@/lib/runtime/engine';

/**
 * One webhook answer's runtime steps are stored as one row of this type, its payload the steps as a JSON
 * array, and read back as one event per step. A row per step cost the webhook thread as much as the rest of
 * an answer put together (each row with its five index entries); readers never see the difference.
 *
 * Ids stay those of one event per step: the row is stored with the last id of a block as long as the
 * trace (record.ts skips the ids before it), and the steps take the block's ids in order. So ids still only
 * grow, every event has its own, and cursors and Last-Event-ID work on steps as on any event.
 */
export const TRACE_TYPE = 'runtime:trace';

/** The payload of a trace row: the (already redacted) steps as one JSON array. */
export function tracePayload(steps: readonly TraceStep[]): string {
  return JSON.stringify(steps);
}

/** The first id of the block a stored row spans; the row's own id for any other event. */
export function firstIdOf(row: WebhookEventRow): number {
  return row.type === TRACE_TYPE ? row.id - stepsOf(row).length + 1 : row.id;
}

/**
 * A stored row as the events it holds: a trace row as its steps, each with the id, type, node, status and
 * problem a row of its own had; any other row as itself.
 */
export function expandEvent(row: WebhookEventRow): WebhookEventRow[] {
  if (row.type !== TRACE_TYPE) return [row];
  const steps = stepsOf(row);
  const first = row.id - steps.length + 1;
  return steps.map((step, index) => ({
    ...row,
    id: first + index,
    type: `runtime:${step.type}`,
    nodeId: step.nodeId,
    status: statusOf(step),
    dedupeKey: row.dedupeKey === null ? null : `${row.dedupeKey}:${index}`,
    payload: JSON.stringify(step),
    problem: step.type === 'error' ? step.message : null,
  }));
}

export function expandEvents(rows: readonly WebhookEventRow[]): WebhookEventRow[] {
  return rows.flatMap(expandEvent);
}

/** The steps of a trace row. We wrote the payload ourselves, as a JSON array of steps. */
function stepsOf(row: WebhookEventRow): TraceStep[] {
  return JSON.parse(row.payload) as TraceStep[];
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
