import type { HttpFailure, HttpRequest, VarValue } from './types';
import type { RuntimeErrorCode } from './errors';

/**
 * What happened during one webhook, in order: the event log shows it so a flow's author can see why a
 * call went where it did.
 */
export type TraceStep =
  | { type: 'enter'; nodeId: string; kind: string }
  /** An output was chosen; `value` is what decided it (the variable's value, the key pressed, the status…). */
  | { type: 'decision'; nodeId: string; handle: string; value: string; reason: string }
  | { type: 'vars'; nodeId: string; values: Record<string, VarValue> }
  | {
      type: 'http';
      nodeId: string;
      method: HttpRequest['method'];
      url: string;
      status: number | null;
      durationMs: number;
      failure: HttpFailure | 'budget' | null;
    }
  /** A server-side node after an action: decided later, through a notify continuation. */
  | { type: 'defer'; nodeId: string }
  | { type: 'goto'; nodeId: string; flowId: string; versionId: string }
  /** The NCCO ends waiting for Vonage to report back (an input result, a connect status). */
  | { type: 'wait'; nodeId: string }
  | { type: 'end'; nodeId: string; reason: 'hangup' | 'unconnected' }
  /** Something was adjusted or ignored without failing the call. */
  | { type: 'note'; nodeId: string | null; message: string }
  | { type: 'error'; nodeId: string | null; code: RuntimeErrorCode; message: string };
