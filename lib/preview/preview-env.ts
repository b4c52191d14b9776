import type { CompiledGraph, Continuation, HttpResult, NotifyRequest, ResolvedFlow, RuntimeEnv } from '@/lib/runtime/engine';

export const HTTP_NOT_SENT = 'Not sent in a preview: the HTTP request node takes its error output';

/** Where a preview's continuation would resume, readable and deliberately not a token: the URL must never work. */
export function placeholderContinuationUrl(publicBaseUrl: string, c: Continuation): string {
  const extra = Object.entries(c.extra ?? {}).map(([key, value]) => `:${key}=${encodeURIComponent(value)}`);
  return `${publicBaseUrl}/api/voice/continue/${c.kind}:${c.nodeId}:${c.attempt}${extra.join('')}`;
}

export type PreviewDeps = {
  /** PUBLIC_BASE_URL, without a trailing slash. */
  publicBaseUrl: string;
  /** Go to flow: the target flow's latest published version, as a call would run it. */
  resolveFlow: (flowId: string) => ResolvedFlow | null | Promise<ResolvedFlow | null>;
};

/** What the preview's environment saw, so the trace can say what was not done. */
export type PreviewLog = { notified: NotifyRequest[]; graphs: Map<string, CompiledGraph> };

/**
 * A RuntimeEnv with no side effects: nothing is sent (HTTP request nodes fail as 'refused', so they take
 * their error output, and notifications are only recorded) and no continuation token is minted.
 */
export function previewEnv(deps: PreviewDeps, log: PreviewLog): RuntimeEnv {
  return {
    continuationUrl: (c) => placeholderContinuationUrl(deps.publicBaseUrl, c),
    http: async (): Promise<HttpResult> => ({ type: 'failure', reason: 'refused', message: HTTP_NOT_SENT, durationMs: 0 }),
    notify: (req) => {
      log.notified.push(req);
    },
    resolveFlow: async (flowId) => {
      const resolved = await deps.resolveFlow(flowId);
      if (resolved) log.graphs.set(resolved.versionId, resolved);
      return resolved;
    },
    recordingEventUrl: () => `${deps.publicBaseUrl}/api/voice/event`,
  };
}
