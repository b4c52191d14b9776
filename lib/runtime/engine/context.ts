import { kindOf } from '@/lib/flow/registry';
import type { NccoAction } from '@/lib/ncco';
import { renderTemplate, type Scope } from '@/lib/runtime/template';
import { targetOf } from './graph';
import { setOwn } from '@/lib/own-field';
import type { RunContext } from './rule';
import type { ContinuationKind, HttpRequest, HttpResult } from './types';
import type { Walk } from './walk';

/** The services a rule gets for one node; everything it changes goes through the walk. */
export function contextFor(walk: Walk, nodeId: string): RunContext {
  const scope: Scope = {
    vars: walk.state.vars,
    call: { from: walk.call.from, to: walk.call.to, uuid: walk.call.uuid, conversation_uuid: walk.call.conversationUuid },
  };
  const trace = walk.trace;
  return {
    nodeId,
    settings: walk.settings,
    now: walk.now,
    call: walk.call,
    scope,
    overrides: walk.overrides,
    render: (template, mode) => renderTemplate(template, scope, mode),
    target: (handle) => targetOf(walk.graph, nodeId, handle),
    resumeAt: (handle) => {
      const target = targetOf(walk.graph, nodeId, handle);
      const node = target === null ? undefined : walk.graph.nodes.get(target);
      if (!node || kindOf(node.kind).run?.endsCall) return [];
      return [resumeNotify(walk, node.id)];
    },
    lastAttempt: (id = nodeId) => walk.state.attempts[id],
    continuationUrl: (kind, options = {}) => mint(walk, kind, options.nodeId ?? nodeId, options),
    http: (req) => budgetedHttp(walk, nodeId, req),
    notify: (req) => {
      try {
        walk.env.notify(req);
      } catch (error) {
        trace.push({ type: 'note', nodeId, message: `The notification could not be sent: ${errorText(error)}` });
      }
    },
    recordingEventUrl: () => walk.env.recordingEventUrl(),
    decide: (handle, value, reason, also) => {
      trace.push({ type: 'decision', nodeId, handle, value, reason });
      // Every outcome of one shape, its optional fields present or not.
      return { type: 'next', handle, actions: also?.actions, vars: also?.vars };
    },
    note: (message) => trace.push({ type: 'note', nodeId, message }),
  };
}

/** A continuation URL with the next attempt number of its node (or the one given, which must be later). */
function mint(walk: Walk, kind: ContinuationKind, nodeId: string, options: { attempt?: number; extra?: Record<string, string> }): string {
  const last = walk.state.attempts[nodeId];
  const attempt = options.attempt ?? (last === undefined ? 0 : last + 1);
  // A reused number would reuse a URL, and the routes layer answers a repeated URL from its cache.
  if (last !== undefined && attempt <= last) throw new Error(`continuation attempt ${attempt} for ${nodeId} is not after ${last}`);
  // In place: the state is the walk's own copy (run.ts), and a spread given a new key takes V8's slow path.
  setOwn(walk.state.attempts, nodeId, attempt);
  const url = walk.env.continuationUrl({ kind, nodeId, versionId: walk.state.versionId, attempt, extra: options.extra });
  walk.minted.push(url);
  return url;
}

/** A notify whose answer is the rest of the flow from `nodeId`, computed when Vonage gets there. */
export function resumeNotify(walk: Walk, nodeId: string): NccoAction {
  return { action: 'notify', payload: {}, eventUrl: [mint(walk, 'resume', nodeId, {})] };
}

/**
 * Runs an HTTP request inside what is left of the webhook's budget: a request gets at most the remaining
 * time as its timeout, and none is made once the budget is spent.
 */
async function budgetedHttp(walk: Walk, nodeId: string, req: HttpRequest): Promise<HttpResult | null> {
  if (walk.httpBudgetMs <= 0) {
    walk.trace.push({ type: 'http', nodeId, method: req.method, url: req.url, status: null, durationMs: 0, failure: 'budget' });
    return null;
  }
  const timeoutMs = Math.min(req.timeoutMs, walk.httpBudgetMs);
  let result: HttpResult;
  try {
    result = await walk.env.http({ ...req, timeoutMs });
  } catch (error) {
    // The executor should report failures as values; if it throws anyway, assume it used all its time.
    result = { type: 'failure', reason: 'network', message: errorText(error), durationMs: timeoutMs };
  }
  const durationMs = Math.max(0, Math.round(result.durationMs));
  walk.httpBudgetMs -= durationMs;
  walk.trace.push({
    type: 'http',
    nodeId,
    method: req.method,
    url: req.url,
    status: result.type === 'response' ? result.status : null,
    durationMs,
    failure: result.type === 'failure' ? result.reason : null,
  });
  return result;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
