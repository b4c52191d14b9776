import type { FlowDocument } from '@/lib/flow/document';
import type { Ncco, NccoAction } from '@/lib/ncco';
import {
  compileGraph,
  isCompiled,
  resumeConnect,
  resumeInput,
  runFrom,
  type CallInfo,
  type CallState,
  type CompiledGraph,
  type Continuation,
  type HttpRequest,
  type HttpResult,
  type InputResult,
  type NotifyRequest,
  type ResolvedFlow,
  type RunOverrides,
  type RuntimeEnv,
  type TraceStep,
} from '@/lib/runtime/engine';

/**
 * A deterministic RuntimeEnv and a driver that plays Vonage: it answers the call, then calls back the
 * URLs the previous NCCO handed out, as Vonage would.
 */

export const BASE = 'https://switchboard.test/api/voice';
export const RECORDING_URL = `${BASE}/recording`;

export const CALL: CallInfo = { uuid: 'call-1', conversationUuid: 'CON-1', from: '447700900555', to: '447700900000' };

export function continuationUrl(c: Continuation): string {
  const query = c.extra ? `?${new URLSearchParams(c.extra)}` : '';
  return `${BASE}/continue/${c.versionId}/${c.kind}/${c.nodeId}/${c.attempt}${query}`;
}

/** The continuation a test URL stands for, or null when it is not one. */
export function decodeContinuation(url: string): Continuation | null {
  const match = /^https:\/\/switchboard\.test\/api\/voice\/continue\/([^/]+)\/(input|connect|resume)\/([^/?]+)\/(\d+)(?:\?(.*))?$/.exec(url);
  if (!match) return null;
  const [, versionId, kind, nodeId, attempt, query] = match;
  const extra = query ? Object.fromEntries(new URLSearchParams(query)) : undefined;
  return { kind: kind as Continuation['kind'], nodeId, versionId, attempt: Number(attempt), ...(extra && { extra }) };
}

export function compiled(document: FlowDocument): CompiledGraph {
  const result = compileGraph(document);
  if (!isCompiled(result)) throw new Error(`test flow does not compile: ${JSON.stringify(result.problems)}`);
  return result;
}

export type TestEnv = RuntimeEnv & { requests: HttpRequest[]; notified: NotifyRequest[] };

export function testEnv(
  options: { http?: (req: HttpRequest) => HttpResult | Promise<HttpResult>; flows?: Record<string, ResolvedFlow> } = {},
): TestEnv {
  const requests: HttpRequest[] = [];
  const notified: NotifyRequest[] = [];
  return {
    requests,
    notified,
    continuationUrl,
    recordingEventUrl: () => RECORDING_URL,
    notify: (req) => notified.push(req),
    http: async (req) => {
      requests.push(req);
      if (!options.http) return { type: 'failure', reason: 'network', message: 'no HTTP in this test', durationMs: 0 };
      return options.http(req);
    },
    resolveFlow: (flowId) => options.flows?.[flowId] ?? null,
  };
}

export type Step =
  | { webhook: 'answer' }
  | { webhook: 'input'; payload: InputResult }
  | { webhook: 'connect'; status: string }
  /** Vonage reaching the notify at the end of the running NCCO. */
  | { webhook: 'resume' };

export type Exchange = { webhook: Step['webhook']; url?: string; payload?: unknown; ncco: Ncco | null };

export const dtmf = (digits: string | null): Step => ({ webhook: 'input', payload: { dtmf: { digits, timed_out: digits === null }, speech: { results: [] } } });
export const speech = (...texts: string[]): Step => ({
  webhook: 'input',
  payload: { dtmf: { digits: null, timed_out: false }, speech: { results: texts.map((text) => ({ text, confidence: '0.9' })) } },
});
export const silence: Step = { webhook: 'input', payload: { dtmf: { digits: null, timed_out: true }, speech: { results: [], timeout_reason: 'start_timeout' } } };
export const connectStatus = (status: string): Step => ({ webhook: 'connect', status });
export const answer: Step = { webhook: 'answer' };
export const resume: Step = { webhook: 'resume' };

/** The eventUrl of the last action of this type in an NCCO. */
export function eventUrlOf(ncco: readonly NccoAction[], action: 'input' | 'connect' | 'notify'): string {
  const found = ncco.findLast((a) => a.action === action) as { eventUrl?: string[] } | undefined;
  const url = found?.eventUrl?.[0];
  if (!url) throw new Error(`the running NCCO has no ${action} with an eventUrl: ${JSON.stringify(ncco)}`);
  return url;
}

/** Plays one call through a flow; `graphs` are the flow versions by id (the first is where the call starts). */
export function callDriver(options: {
  graphs: Record<string, CompiledGraph>;
  env: RuntimeEnv;
  now: Date;
  flowId?: string;
  call?: CallInfo;
  overrides?: RunOverrides;
}) {
  const [versionId] = Object.keys(options.graphs);
  let state: CallState = { flowId: options.flowId ?? 'flow_test', versionId, vars: {}, attempts: {} };
  let running: Ncco | null = null;
  let lastConnectUrl: string | null = null;
  const traces: TraceStep[][] = [];
  const base = () => ({ state, call: options.call ?? CALL, now: options.now, overrides: options.overrides });
  const graphFor = (id: string) => {
    const graph = options.graphs[id];
    if (!graph) throw new Error(`no graph for version ${id}`);
    return graph;
  };

  async function send(step: Step): Promise<Exchange> {
    if (step.webhook === 'answer') {
      const graph = graphFor(versionId);
      return settle(step, undefined, undefined, await runFrom({ ...base(), graph, nodeId: graph.startId }, options.env));
    }
    if (!running) throw new Error('no NCCO is running');
    // Leg events keep going to the connect that created the leg, even after its NCCO was replaced.
    const url = step.webhook === 'connect' ? lastConnectUrl : eventUrlOf(running, step.webhook === 'input' ? 'input' : 'notify');
    if (!url) throw new Error('no connect has been made');
    const continuation = decodeContinuation(url);
    if (!continuation) throw new Error(`not a continuation URL: ${url}`);
    const graph = graphFor(continuation.versionId);
    switch (step.webhook) {
      case 'input':
        return settle(step, url, step.payload, await resumeInput({ ...base(), graph, continuation, payload: step.payload }, options.env));
      case 'connect': {
        const payload = { status: step.status };
        return settle(step, url, payload, await resumeConnect({ ...base(), graph, continuation, payload }, options.env));
      }
      case 'resume':
        return settle(step, url, {}, await runFrom({ ...base(), graph, nodeId: continuation.nodeId }, options.env));
    }
  }

  function settle(step: Step, url: string | undefined, payload: unknown, result: { ncco: Ncco | null; state: CallState; trace: TraceStep[] }): Exchange {
    state = result.state;
    traces.push(result.trace);
    if (result.ncco) running = result.ncco;
    if (result.ncco?.some((a) => a.action === 'connect')) lastConnectUrl = eventUrlOf(result.ncco, 'connect');
    return { webhook: step.webhook, ...(url && { url }), ...(payload !== undefined && { payload }), ncco: result.ncco };
  }

  return {
    send,
    /** Sends each step in turn and returns every exchange. */
    async play(steps: readonly Step[]): Promise<Exchange[]> {
      const exchanges: Exchange[] = [];
      for (const step of steps) exchanges.push(await send(step));
      return exchanges;
    },
    get state() {
      return state;
    },
    get running() {
      return running;
    },
    traces,
  };
}

export const NOW = new Date('2026-03-10T10:00:00Z');

/** A driver for one test flow (version `ver_a`), with more versions for Go to flow when given. */
export function callThrough(
  document: FlowDocument,
  options: { env?: RuntimeEnv; now?: Date; call?: CallInfo; overrides?: RunOverrides; graphs?: Record<string, CompiledGraph> } = {},
) {
  return callDriver({
    graphs: { ver_a: compiled(document), ...options.graphs },
    env: options.env ?? testEnv(),
    now: options.now ?? NOW,
    flowId: 'flow_a',
    call: options.call,
    overrides: options.overrides,
  });
}

/** The NCCO of an exchange, failing the test when Vonage would have got an empty answer. */
export function nccoOf(exchange: Exchange): Ncco {
  if (!exchange.ncco) throw new Error(`expected an NCCO, got an empty answer for ${exchange.webhook}`);
  return exchange.ncco;
}
