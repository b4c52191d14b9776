import styles from '@/app/_shell/page.module.css';
import type { OwnedNumberView } from '@/lib/api/vonage-handlers';
import type { NumberView, VonageListingView } from './numbers-api';

export type Tone = 'ok' | 'off' | 'danger' | 'muted';
export const TONE_CLASS: Record<Tone, string> = { ok: styles.badgeOk, off: styles.badgeOff, danger: styles.badgeDanger, muted: '' };
/** How the Vonage column words a number: a short badge, and the reason on hover or below. */
export type LinkBadge = { text: string; tone: Tone; detail?: string };

/** The account's word on the number when it could be read; what the last publish recorded otherwise. */
export function linkBadge(number: NumberView, listing: VonageListingView | 'loading' | null): LinkBadge {
  if (number.vonageStatus === 'failed') return { text: 'Link failed', tone: 'danger', detail: number.vonageError ?? 'Vonage did not accept the link' };
  if (listing === 'loading') return { text: 'Checking…', tone: 'muted' };
  if (listing === null || listing.state === 'not_configured') {
    return number.vonageStatus === 'linked' ? { text: 'Linked', tone: 'ok' } : { text: 'Local only', tone: 'muted', detail: 'Simulated calls only: no Vonage account is connected' };
  }
  if (listing.state === 'error') return { text: 'Unknown', tone: 'off', detail: listing.message };
  const owned = listing.owned.find((o) => o.number === number.number);
  if (!owned) return { text: 'Local only', tone: 'muted', detail: 'Not a number of your Vonage account: only simulated calls reach it' };
  return ownedBadge(owned);
}

export function ownedBadge(owned: OwnedNumberView): LinkBadge {
  switch (owned.linkState) {
    case 'linked':
      return { text: 'Linked', tone: 'ok' };
    case 'other_application':
      return { text: 'Another application', tone: 'danger', detail: 'Linked to another Vonage application: publish a flow to it to link it here' };
    case 'sip':
      return { text: 'Forwards to SIP', tone: 'danger', detail: 'Its calls go to a SIP address, not the application: remove the forwarding in the Vonage dashboard' };
    case 'tel':
      return { text: 'Forwards to a phone', tone: 'danger', detail: 'Its calls go to a phone number, not the application: remove the forwarding in the Vonage dashboard' };
    case 'other':
      return { text: 'Elsewhere', tone: 'danger', detail: 'Its calls go to another handler, not the application' };
    case 'unlinked':
      return { text: 'Not linked', tone: 'off', detail: 'Not linked to any application: publish a flow to it to link it' };
    default:
      return owned.linkState satisfies never;
  }
}
