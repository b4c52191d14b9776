import type { Db } from '@/db/client';
import { ensureApplicationWebhooks, linkNumber, type VonageDeps, type VonageFailure } from '@/lib/vonage-account';
import type { ApplicationCheck } from './application-check';
import { bindNumbers } from './bind-numbers';
import type { NumberOutcome, VonageOutcome } from './number-outcome';
import type { Target } from './targets';

export type GoLiveDeps = { db: Db; vonage: VonageDeps | null; now: () => Date };

const failed = (failure: VonageFailure): VonageOutcome => ({
  status: 'failed',
  code: failure.code,
  message: failure.message,
  ...(failure.retryAfterSeconds !== undefined && { retryAfterSeconds: failure.retryAfterSeconds }),
});

/**
 * Makes `versionId` live on the targets. Vonage first: the application's webhooks are pointed at
 * Switchboard (a no-op when they already are), then each Vonage number not yet on the application is
 * linked; only then are the local bindings written, each number according to what Vonage said. Every step
 * is idempotent, so a retry after a failure (a 429, a timeout) finishes the job without side effects.
 */
export async function goLive(deps: GoLiveDeps, flowId: string, versionId: string, targets: readonly Target[], check: ApplicationCheck): Promise<NumberOutcome[]> {
  const needsVonage = targets.some((t) => t.kind.type === 'vonage');
  let blocked: VonageFailure | null = check.type === 'failed' ? check.failure : null;
  if (needsVonage && !blocked && deps.vonage) {
    const webhooks = await ensureApplicationWebhooks(deps.vonage);
    if (!webhooks.ok) blocked = webhooks;
  }
  const results: { number: string; vonage: VonageOutcome }[] = [];
  for (const { number, kind } of targets) {
    results.push({ number, vonage: await vonageSide(deps.vonage, number, kind, blocked) });
  }
  bindNumbers(deps.db, flowId, versionId, results, deps.now());
  return results.map((r) => ({ ...r, live: r.vonage.status !== 'failed' }));
}

async function vonageSide(vonage: VonageDeps | null, number: string, kind: Target['kind'], blocked: VonageFailure | null): Promise<VonageOutcome> {
  switch (kind.type) {
    case 'local':
      return { status: 'local' };
    case 'unchecked':
      return { status: 'unchecked', message: kind.message };
    case 'unreachable':
      return failed(kind.failure);
    case 'vonage': {
      if (blocked) return failed(blocked);
      if (kind.linked) return { status: 'linked' };
      // Only an account that was read yields Vonage targets, so its deps are there.
      if (!vonage) throw new Error(`${number} is a Vonage number but no Vonage account is configured`);
      const linked = await linkNumber(vonage, { country: kind.country, msisdn: number });
      return linked.ok ? { status: 'linked' } : failed(linked);
    }
    default:
      return kind satisfies never;
  }
}
