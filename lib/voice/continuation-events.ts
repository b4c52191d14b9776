import { redactInputFields } from '@/lib/events/redact';
import { isSensitiveNode } from '@/lib/events/sensitive';
import type { EventInput } from '@/lib/events/types';
import type { CompiledGraph } from '@/lib/runtime/engine';
import { simulationFor } from '@/lib/simulator/webhook-context';
import type { ContinuationClaims } from '@/lib/vonage/continuation-token';
import type { VoiceDeps } from './deps';
import { compiledVersion } from './graph-cache';

/** The graph a continuation's version names: a published version, or a simulated call's draft. Null if unreadable. */
export function graphFor(deps: VoiceDeps, callUuid: string, versionId: string): CompiledGraph | null {
  try {
    return simulationFor(deps.db, callUuid, deps.now())?.graph(versionId) ?? compiledVersion(deps.db, versionId);
  } catch {
    return null;
  }
}

export type ContinuationDelivery = {
  claims: ContinuationClaims;
  fields: Record<string, unknown> | null;
  rawBody: string;
  /** The delivery's key: the token's hash (with the status, for connect events). */
  key: string;
  status: string | null;
};

/**
 * A continuation callback as an event: an input result, a connect status or a resume notify, stored once
 * per delivery key (its token). An input typed at a sensitive Collect digits node is stored with the
 * digits redacted (an unreadable body from one is not stored at all, only noted); `typed` hands the
 * digits to the trace recorder so they are redacted there too.
 */
export function continuationEvent(deps: VoiceDeps, delivery: ContinuationDelivery): { event: EventInput; typed: string[] } {
  const { claims, fields, rawBody, key, status } = delivery;
  // A version that cannot be read might be a sensitive one: hide the digits rather than risk keeping them.
  const graph = claims.kind === 'input' ? graphFor(deps, claims.callUuid, claims.versionId) : null;
  const sensitive = claims.kind === 'input' && (graph === null || isSensitiveNode(graph, claims.nodeId));
  const typed = sensitive ? typedDigits(fields) : [];
  const payload = !sensitive ? rawBody : fields ? JSON.stringify(redactInputFields(fields)) : '[redacted: an unreadable input from a sensitive node]';
  return {
    typed,
    event: {
      source: claims.kind === 'connect' ? 'connect' : 'input',
      type: claims.kind === 'connect' ? `connect:${status ?? 'unknown'}` : claims.kind === 'resume' ? 'notify' : 'input',
      callUuid: claims.callUuid,
      legUuid: typeof fields?.uuid === 'string' ? fields.uuid : null,
      conversationUuid: typeof fields?.conversation_uuid === 'string' ? fields.conversation_uuid : null,
      nodeId: claims.nodeId,
      status: status ?? claims.kind,
      dedupeKey: `continue:${key}`,
      payload,
      parsedOk: fields !== null,
      problem: fields === null ? 'The body is not JSON' : null,
      ...(status === 'answered' && { effect: { type: 'transferred' as const } }),
    },
  };
}

function typedDigits(fields: Record<string, unknown> | null): string[] {
  const dtmf = fields?.dtmf;
  if (typeof dtmf !== 'object' || dtmf === null) return [];
  const digits = (dtmf as Record<string, unknown>).digits;
  return typeof digits === 'string' && digits !== '' ? [digits, digits.replace(/#$/, '')] : [];
}
