import { z } from 'zod';
import type { HttpMethod } from '@/lib/flow/kinds/http';
import type { CompiledGraph } from './graph';

/** A flow variable's value; templates render it as text ('' for null). */
export const VarValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type VarValue = z.infer<typeof VarValueSchema>;

const Id = z.string().min(1).max(128);

/**
 * Per-number overrides the routes layer may apply to a call: every Business hours node takes the forced
 * branch, and a forced closed speaks `closedMessage` (in the flow's voice) before it.
 */
export const RunOverridesSchema = z.object({
  hours: z.enum(['open', 'closed']).optional(),
  closedMessage: z.string().min(1).max(1500).optional(),
});
export type RunOverrides = z.infer<typeof RunOverridesSchema>;

/**
 * What Switchboard remembers about a running call between webhooks (persisted as JSON by the routes
 * layer, which parses it with this schema when it reads it back).
 */
export const CallStateSchema = z.object({
  flowId: Id,
  /** The version the call is running now; a Go to flow switches it. */
  versionId: Id,
  vars: z.record(z.string(), VarValueSchema),
  /**
   * Per node, the attempt number of the last continuation it handed out. It only ever grows during a
   * call, so every continuation URL is distinct (answers are cached per URL); see the menu kind for how
   * retries are read from it.
   */
  attempts: z.record(z.string(), z.number().int().min(0)),
  /** The endpoint a Connect is ringing now, so late events about an earlier one are ignored. */
  connect: z.object({ nodeId: Id, endpointIndex: z.number().int().min(0) }).optional(),
  /** Go to flow targets (flow id → version id), pinned when the call started; see lib/voice/pin-flows.ts. */
  pinned: z.record(Id, Id).optional(),
  /** The called number's overrides when the call started, so every webhook of the call honours the same ones. */
  overrides: RunOverridesSchema.optional(),
});
export type CallState = z.infer<typeof CallStateSchema>;

/** The call as the answer webhook described it. */
export type CallInfo = { uuid: string; conversationUuid: string; from: string; to: string };

export type ContinuationKind = 'input' | 'connect' | 'resume';

/**
 * Where a call resumes when Vonage calls back: the claims a continuation token carries, minus the call
 * uuid (the routes layer adds it). versionId is included because a Go to flow changes it mid-run.
 */
export type Continuation = {
  kind: ContinuationKind;
  nodeId: string;
  versionId: string;
  attempt: number;
  extra?: Record<string, string>;
};

export type HttpRequest = {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** Absent for GET and DELETE. */
  body?: string;
  timeoutMs: number;
};

export type HttpFailure = 'invalid_url' | 'refused' | 'dns' | 'timeout' | 'too_large' | 'too_many_redirects' | 'network';

/** A response of any status, or no response at all; `body` is parsed JSON when the server said JSON, else text. */
export type HttpResult =
  | { type: 'response'; status: number; contentType: string; body: unknown; durationMs: number }
  | { type: 'failure'; reason: HttpFailure; message: string; durationMs: number };

export type NotifyRequest = { url: string; method: 'POST' | 'GET'; payload: Record<string, unknown> };

type MaybePromise<T> = T | Promise<T>;

/** Everything the engine needs from outside; injected so the engine stays pure and tests stay local. */
export type RuntimeEnv = {
  continuationUrl(c: Continuation): string;
  /** Runs an HTTP request node's request; never throws (a thrown error is treated as a network failure). */
  http(req: HttpRequest): Promise<HttpResult>;
  /** Fire-and-forget message for the Notify node, sent from the server. */
  notify(req: NotifyRequest): void;
  /** The live version of another flow (Go to flow), or null when there is none. */
  resolveFlow(flowId: string): MaybePromise<ResolvedFlow | null>;
  recordingEventUrl(): string;
};

export type ResolvedFlow = CompiledGraph & { versionId: string };

/**
 * What Vonage posts to an input's eventUrl (reference.md §1.3), as far as the engine reads it. Loose:
 * Vonage adds fields over time, and `digits` is null when the caller spoke.
 */
export const InputResultSchema = z.looseObject({
  dtmf: z.looseObject({ digits: z.string().nullish(), timed_out: z.boolean().optional() }).nullish(),
  speech: z
    .looseObject({
      results: z.array(z.looseObject({ text: z.string(), confidence: z.union([z.string(), z.number()]).optional() })).optional(),
      timeout_reason: z.string().optional(),
    })
    .nullish(),
});
export type InputResult = z.infer<typeof InputResultSchema>;

/** A connect eventUrl delivery (reference.md §3): only the status matters to the engine. */
export const ConnectEventSchema = z.looseObject({ status: z.string().min(1) });
export type ConnectEventPayload = z.infer<typeof ConnectEventSchema>;
