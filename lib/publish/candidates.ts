import type { Db } from '@/db/client';
import { listNumbers } from '@/lib/numbers/read';
import type { AccountView } from './targets';

/** A number the publish dialog can offer: the flow's own (pre-checked) and those no flow uses yet. */
export type Candidate = {
  number: string;
  label: string;
  /** The flow's own numbers; the others are free. */
  onThisFlow: boolean;
  /** The version it answers with now, by number (null: none). */
  liveVersion: number | null;
  /** In the Vonage account, so publishing links it to the application. */
  vonage: boolean;
};

/**
 * The numbers the publish dialog lists: Switchboard's numbers on this flow or on none, and the account's
 * numbers Switchboard does not know yet (publishing adds them). Numbers of other flows are left out: moving
 * a number between flows is done on the Numbers page, on purpose.
 */
export function publishCandidates(db: Db, flowId: string, account: AccountView): Candidate[] {
  const owned = new Set(account.type === 'read' ? account.owned.map((n) => n.msisdn) : []);
  const local = listNumbers(db);
  const known = new Set(local.map((n) => n.number));
  const fromLocal = local
    .filter((n) => n.flowId === null || n.flowId === flowId)
    .map((n): Candidate => ({ number: n.number, label: n.label, onThisFlow: n.flowId === flowId, liveVersion: n.flowId === flowId ? n.versionNumber : null, vonage: owned.has(n.number) }));
  const fromVonage = [...owned]
    .filter((number) => !known.has(number))
    .map((number): Candidate => ({ number, label: '', onThisFlow: false, liveVersion: null, vonage: true }));
  return [...fromLocal, ...fromVonage].sort((a, b) => Number(b.onThisFlow) - Number(a.onThisFlow) || a.number.localeCompare(b.number));
}
