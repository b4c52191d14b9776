import type { TraceStep } from './trace';

export const RUNTIME_ERROR_CODES = [
  /** More node visits in one webhook than a real flow needs: a loop nobody takes part in. */
  'step_cap',
  /** The graph has a node the runtime cannot execute (e.g. a Note reached through a bad continuation). */
  'invalid_graph',
  'unknown_node',
  /** A continuation of a kind the node does not expect (an input answer at a Say). */
  'unexpected_continuation',
  /** A continuation for an earlier attempt or another version than the call is at now. */
  'stale_continuation',
  /** A value filled in from variables is not acceptable where it goes (too long, not a URL, not JSON…). */
  'template_invalid',
  'hours_invalid',
  'unknown_flow',
  /** The NCCO the engine built does not pass NccoSchema: a bug in a kind's rule. */
  'invalid_ncco',
] as const;

export type RuntimeErrorCode = (typeof RUNTIME_ERROR_CODES)[number];

/**
 * A failure the routes layer answers with the flow's apology. It carries the trace up to the failure
 * (ending with an `error` step) so the event log shows what led to it.
 */
export class RuntimeError extends Error {
  trace: TraceStep[] = [];

  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
    readonly nodeId: string | null = null,
  ) {
    super(message);
    this.name = 'RuntimeError';
  }
}
