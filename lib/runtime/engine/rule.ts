import type { FlowSettings } from '@/lib/flow/settings';
import type { NccoAction } from '@/lib/ncco';
import type { Scope, TemplateMode } from '@/lib/runtime/template';
import type {
  CallInfo,
  ContinuationKind,
  HttpRequest,
  HttpResult,
  InputResult,
  NotifyRequest,
  RunOverrides,
  VarValue,
} from './types';

/**
 * What a kind's rule tells the engine. The engine is a loop over these; a new kind only picks one.
 * - next: go on through an output, after adding `actions` to the NCCO and storing `vars`.
 * - wait: end the NCCO with `actions`, which include an eventUrl (a continuation) Vonage calls back.
 * - end: end the NCCO (and so the call, once Vonage has played `actions`).
 * - goto: continue at the start of another flow's live version.
 */
export type RunOutcome =
  | { type: 'next'; handle: string; actions?: NccoAction[]; vars?: Record<string, VarValue> }
  | { type: 'wait'; actions: NccoAction[]; connect?: { endpointIndex: number } }
  | { type: 'end'; actions?: NccoAction[] }
  | { type: 'goto'; flowId: string };

/** A callback that changes nothing: answered with an empty 200 so the running NCCO carries on. */
export type IgnoreOutcome = { type: 'ignore'; reason: string };

export type InputEvent = { type: 'input'; attempt: number; result: InputResult };
export type ConnectEvent = { type: 'connect'; attempt: number; endpointIndex: number; status: string };

/** The engine's services for one node, during one webhook. */
export interface RunContext {
  readonly nodeId: string;
  readonly settings: FlowSettings;
  readonly now: Date;
  readonly call: CallInfo;
  /** The flow's variables (as set so far) and the call fields, for templates and conditions. */
  readonly scope: Scope;
  readonly overrides: RunOverrides;
  render(template: string, mode: TemplateMode): string;
  /** The node an output leads to, or null when it is not connected. */
  target(handle: string): string | null;
  /**
   * A notify that resumes the flow at an output once Vonage reaches it (after a connected call ends), or
   * nothing when that output is unconnected or leads to a node that only ends the call.
   */
  resumeAt(handle: string): NccoAction[];
  /** The attempt number of the last continuation a node (this one by default) handed out. */
  lastAttempt(nodeId?: string): number | undefined;
  /** A continuation URL; the attempt defaults to the node's last one plus one. */
  continuationUrl(kind: ContinuationKind, options?: { nodeId?: string; attempt?: number; extra?: Record<string, string> }): string;
  /** The request with the webhook's remaining HTTP budget applied, traced; null when no time is left. */
  http(req: HttpRequest): Promise<HttpResult | null>;
  notify(req: NotifyRequest): void;
  recordingEventUrl(): string;
  /**
   * Records why an output was chosen and returns the matching `next` outcome, with `also` its actions and
   * variables. Given here rather than spread into a copy: V8 copies an object given new fields by a slow path.
   */
  decide(handle: string, value: string, reason: string, also?: { actions?: NccoAction[]; vars?: Record<string, VarValue> }): Extract<RunOutcome, { type: 'next' }>;
  note(message: string): void;
}

export type RunRule<D> = {
  /**
   * Decided by Switchboard on the spot (branch, hours, HTTP…) rather than played by Vonage. Such a node
   * after an action is not decided early: the NCCO ends with a notify that resumes there, so it runs
   * when the call actually reaches it.
   */
  readonly serverSide: boolean;
  /** The node only ends the call (Hang up): the call ends just the same when the NCCO runs out, so nothing resumes there. */
  readonly endsCall?: boolean;
  readonly execute: (data: D, ctx: RunContext) => RunOutcome | Promise<RunOutcome>;
};

/** How a kind that waits for Vonage continues; the keys say which continuations it expects. */
export type ResumeRules<D> = {
  readonly input?: (data: D, ctx: RunContext, event: InputEvent) => RunOutcome;
  readonly connect?: (data: D, ctx: RunContext, event: ConnectEvent) => RunOutcome | IgnoreOutcome;
};
