import { z } from 'zod';
import { ensureApplicationWebhooks, type VonageDeps, type VonageResult } from '@/lib/vonage-account';
import { planApplication } from './application-check';
import type { Confirmation } from './confirmation';
import { numbersOnApplication, readAccount } from './targets';

/** POST /api/vonage/application: without `confirm` it only says what would change. */
export const PointApplicationRequestSchema = z.strictObject({ confirm: z.boolean().optional() });
export type PointApplicationRequest = z.infer<typeof PointApplicationRequestSchema>;

/**
 * The confirmation publishing asks for (every number on the application, each change before → after),
 * with what became of it:
 * - `preview`: nothing was changed; `changes` is what confirming would change;
 * - `updated`: the application now points at Switchboard; `changes` is what changed;
 * - `unchanged`: it already did, so nothing was sent to Vonage.
 */
export type PointedApplication = Confirmation & { status: 'preview' | 'updated' | 'unchanged' };

/**
 * Points the Vonage application's webhooks at Switchboard outside publishing, for the health view's
 * "Point the application at Switchboard". The account's numbers are read first: the user must see every
 * number the change affects, and a failure to list them is reported rather than a list that looks empty.
 */
export async function pointApplication(vonage: VonageDeps, request: PointApplicationRequest): Promise<VonageResult<PointedApplication>> {
  const account = await readAccount(vonage);
  if (account.type === 'unreadable') return account.failure;
  const numbers = numbersOnApplication(account).sort();
  if (!request.confirm) {
    const plan = await planApplication(vonage, account);
    switch (plan.type) {
      case 'failed':
        return plan.failure;
      case 'ready':
        return { ok: true, value: { status: 'unchanged', numbers, changes: [] } };
      case 'confirm':
        return { ok: true, value: { status: 'preview', ...plan.confirmation } };
      default:
        return plan satisfies never;
    }
  }
  // Idempotent: it reads the application again and sends an update only when something still differs.
  const applied = await ensureApplicationWebhooks(vonage);
  if (!applied.ok) return applied;
  return { ok: true, value: { status: applied.value.changed ? 'updated' : 'unchanged', numbers, changes: applied.value.changes } };
}
