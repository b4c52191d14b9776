import type { NccoLenient, NccoLenientAction } from '@/lib/ncco';
import type { TranscriptEntry, Waiting } from '../transcript';

/** One webhook as the carrier sends it: a JSON body for POST, query parameters for GET. */
export type WebhookRequest = { method: 'GET' | 'POST'; url: string; body?: string };
export type WebhookReply = { status: number; body: string };

/**
 * Delivers one webhook to Switchboard and returns its answer; throws when nothing answered (refused,
 * timed out). Injected, so the carrier itself does no I/O and tests hand it a fake.
 */
export type Transport = (request: WebhookRequest) => Promise<WebhookReply>;

/** The leg as Vonage describes it in every payload. */
export type CarrierCall = { uuid: string; conversationUuid: string; from: string; to: string };

/** The application's webhooks (an action's own eventUrl takes precedence, as with Vonage). */
export type CarrierUrls = { answer: string; event: string; fallback: string };

/** Real-time waiting; without it nothing times out by itself and the tester decides when it does. */
export type Timers = { set(ms: number, fire: () => void): () => void };

export type CarrierOptions = {
  call: CarrierCall;
  urls: CarrierUrls;
  transport: Transport;
  /** Real time, for the timestamps in payloads (a simulated clock only changes what the flow decides). */
  now: () => Date;
  /** Ids for the other legs and the recordings. */
  newId: () => string;
  timers?: Timers;
  /** A new NCCO took over the call (the answer, or a callback's answer replacing the rest). */
  onNcco?: (ncco: NccoLenient) => void;
};

/** Where the carrier stands: which action of the running NCCO waits, and for what. */
export type Rest = {
  waiting: Waiting;
  action: NccoLenientAction;
  /** The action's place in the running NCCO. */
  index: number;
  /** The other leg a connect rings, as its events describe it. */
  leg?: { uuid: string; from: string; to: string };
};

export type CarrierPhase = 'ringing' | 'answered' | 'ended';

export type CarrierSnapshot = {
  phase: CarrierPhase;
  transcript: readonly TranscriptEntry[];
  rest: Rest | null;
  /** The NCCO running now (what `rest.index` points into). */
  running: NccoLenient | null;
};

export type ActResult = { ok: true } | { ok: false; reason: string };
