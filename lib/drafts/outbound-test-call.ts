import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { numbers } from '@/db/schema';
import type { Issue } from '@/lib/api/issues';
import { getContinuationSecret } from '@/lib/app-state';
import type { Config } from '@/lib/config';
import { getFlow } from '@/lib/flows/read';
import { NumberDigitsSchema } from '@/lib/numbers/number-input';
import { RuntimeError } from '@/lib/runtime/engine';
import { listOwnedNumbers, missingCredentials, placeTestCall, type PlacedCall, type VonageDeps, type VonageFailure } from '@/lib/vonage-account';
import { createDraftToken } from '@/lib/vonage/draft-token';
import { compileDraft } from './compile-draft';
import { snapshotDraft } from './snapshots';

/** POST /api/flows/:id/test-call/outbound: the user's phone, and optionally which owned number calls it. */
export const OutboundTestCallSchema = z.object({
  to: NumberDigitsSchema,
  from: NumberDigitsSchema.optional(),
});
export type OutboundTestCall = z.infer<typeof OutboundTestCallSchema>;

export type OutboundResult =
  | { ok: true; call: PlacedCall & { from: string; to: string; flowName: string } }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid'; issues: Issue[] }
  | { ok: false; reason: 'vonage'; failure: VonageFailure };

/** Whether this server can place outbound calls: the application and its private key are set. */
export function outboundConfigured(config: Config): boolean {
  return missingCredentials(config, 'calls').length === 0;
}

/** The number calls to a flow's line come from by default: the first number that routes to the flow. */
export function defaultFromNumber(db: Db, flowId: string): string | null {
  return db.select({ number: numbers.number }).from(numbers).where(eq(numbers.flowId, flowId)).orderBy(asc(numbers.number)).limit(1).get()?.number ?? null;
}

/**
 * Calls the user's phone; when they pick up, Vonage fetches an answer URL whose signed token names a
 * snapshot of the draft as it is now, so they hear the draft (later edits do not change the call).
 */
export async function placeOutboundTestCall(db: Db, deps: VonageDeps, flowId: string, input: OutboundTestCall, now = new Date()): Promise<OutboundResult> {
  const flow = getFlow(db, flowId);
  if (!flow) return { ok: false, reason: 'not_found' };
  try {
    compileDraft(flow.document);
  } catch (error) {
    if (!(error instanceof RuntimeError)) throw error;
    return { ok: false, reason: 'invalid', issues: [{ path: 'flowId', message: `The draft cannot run yet: ${error.message}` }] };
  }
  const from = input.from ?? defaultFromNumber(db, flowId);
  if (!from) return { ok: false, reason: 'invalid', issues: [{ path: 'from', message: 'This flow has no number yet: choose one of your Vonage numbers to call from' }] };
  // Vonage refuses a caller ID the account does not own; saying so here names the field to fix.
  if (missingCredentials(deps.config, 'account').length === 0) {
    const owned = await listOwnedNumbers(deps);
    if (!owned.ok) return { ok: false, reason: 'vonage', failure: owned };
    if (!owned.value.some((n) => n.msisdn === from)) {
      return { ok: false, reason: 'invalid', issues: [{ path: 'from', message: `${from} is not a number of your Vonage account: calls can only come from one of yours` }] };
    }
  }
  const snapshot = snapshotDraft(db, flowId, now);
  if (!snapshot) return { ok: false, reason: 'not_found' };
  const token = createDraftToken({ flowId, snapshotId: snapshot.id }, getContinuationSecret(db), now);
  const answerUrl = `${deps.config.PUBLIC_BASE_URL}/api/voice/answer/draft/${token}`;
  const placed = await placeTestCall(deps, { from, to: input.to, answerUrl });
  if (!placed.ok) return { ok: false, reason: 'vonage', failure: placed };
  return { ok: true, call: { ...placed.value, from, to: input.to, flowName: flow.name } };
}
