import { ensureApplicationWebhooks, type VonageDeps, type VonageFailure } from '@/lib/vonage-account';
import type { Confirmation } from './confirmation';
import { numbersOnApplication, type AccountView, type Target } from './targets';

/**
 * Whether publishing to these targets must change the Vonage application first:
 * - `not_needed`: no target is a Vonage number;
 * - `ready`: the application already points at Switchboard;
 * - `confirm`: it must change, which affects every number on it, so the user confirms first;
 * - `failed`: Vonage could not be asked; the Vonage targets will fail with this reason.
 */
export type ApplicationCheck =
  | { type: 'not_needed' }
  | { type: 'ready' }
  | { type: 'confirm'; confirmation: Confirmation }
  | { type: 'failed'; failure: VonageFailure };

export async function checkApplication(vonage: VonageDeps | null, account: AccountView, targets: readonly Target[]): Promise<ApplicationCheck> {
  const linking = targets.filter((t) => t.kind.type === 'vonage').map((t) => t.number);
  if (linking.length === 0 || !vonage) return { type: 'not_needed' };
  return planApplication(vonage, account, linking);
}

/**
 * What pointing the application at Switchboard would change (a dry run), and every number that follows
 * it: those already on the application plus `linking`, the ones about to join it.
 */
export async function planApplication(vonage: VonageDeps, account: AccountView, linking: readonly string[] = []): Promise<Exclude<ApplicationCheck, { type: 'not_needed' }>> {
  const plan = await ensureApplicationWebhooks(vonage, { dryRun: true });
  if (!plan.ok) return { type: 'failed', failure: plan };
  if (plan.value.changes.length === 0) return { type: 'ready' };
  const numbers = [...new Set([...numbersOnApplication(account), ...linking])].sort();
  return { type: 'confirm', confirmation: { numbers, changes: plan.value.changes } };
}
