import type { Db } from '@/db/client';
import type { Issue } from '@/lib/api/issues';
import { linkStateOf, listOwnedNumbers, missingCredentials, type OwnedNumber, type VonageDeps, type VonageFailure } from '@/lib/vonage-account';
import { numberRow } from './number-row';

/** What Switchboard could learn of the Vonage account before publishing. */
export type AccountView =
  | { type: 'not_configured' }
  | { type: 'read'; owned: OwnedNumber[]; applicationId: string }
  | { type: 'unreadable'; failure: VonageFailure };

/**
 * How a target number is made live:
 * - `local`: not a number of the Vonage account (a simulator line, or no account configured): only
 *   Switchboard's own binding matters;
 * - `unchecked`: a Switchboard number never linked on Vonage, while Vonage could not be asked: treated as
 *   local, with the reason shown;
 * - `vonage`: owned by the account; `linked` when it already routes to the application;
 * - `unreachable`: known (or only knowable) through Vonage, which could not be asked: it cannot go live now.
 */
export type TargetKind =
  | { type: 'local' }
  | { type: 'unchecked'; message: string }
  | { type: 'vonage'; country: string; linked: boolean }
  | { type: 'unreachable'; failure: VonageFailure };

export type Target = { number: string; kind: TargetKind };

/** Reads the account's numbers when credentials are set; a failure is kept to be reported per number. */
export async function readAccount(vonage: VonageDeps | null): Promise<AccountView> {
  if (!vonage || missingCredentials(vonage.config, 'application').length > 0) return { type: 'not_configured' };
  const owned = await listOwnedNumbers(vonage);
  return owned.ok ? { type: 'read', owned: owned.value, applicationId: vonage.config.VONAGE_APPLICATION_ID ?? '' } : { type: 'unreadable', failure: owned };
}

/**
 * Sorts the target numbers by how they go live. A number must be Switchboard's or the account's; one that
 * is neither is refused up front (before any version is made), with its position in the request.
 */
export function classifyTargets(db: Db, numbers: readonly string[], account: AccountView): { ok: true; targets: Target[] } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const targets = numbers.flatMap((number, i): Target[] => {
    const local = numberRow(db, number);
    switch (account.type) {
      case 'not_configured':
        if (local) return [{ number, kind: { type: 'local' } }];
        break;
      case 'read': {
        const owned = account.owned.find((n) => n.msisdn === number);
        if (owned) return [{ number, kind: { type: 'vonage', country: owned.country, linked: linkStateOf(owned, account.applicationId) === 'linked' } }];
        if (local) return [{ number, kind: { type: 'local' } }];
        break;
      }
      case 'unreadable':
        // A number Switchboard once linked (or tried to) is a Vonage number: it must not go live unconfirmed.
        if (local && local.vonageStatus === null) return [{ number, kind: { type: 'unchecked', message: account.failure.message } }];
        return [{ number, kind: { type: 'unreachable', failure: account.failure } }];
      default:
        return account satisfies never;
    }
    issues.push({ path: `numbers.${i}`, message: `${number} is not one of your numbers: add it on the Numbers page first` });
    return [];
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, targets };
}

/** The account's numbers that already route to the application: a webhook change affects every one of them. */
export function numbersOnApplication(account: AccountView): string[] {
  return account.type === 'read' ? account.owned.filter((n) => linkStateOf(n, account.applicationId) === 'linked').map((n) => n.msisdn) : [];
}
