import type { Metadata } from 'next';
import { requirePageAuth } from '@/app/_auth/require-page-auth';
import { AppHeader } from '@/app/_shell/app-header';
import { toWire } from '@/lib/api/wire';
import { can } from '@/lib/auth/roles';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { listFlows } from '@/lib/flows/read';
import { listNumbersWithLastCall } from '@/lib/numbers/listed-number';
import { missingCredentials } from '@/lib/vonage-account';
import { NumbersView } from './_numbers/numbers-view';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Numbers · Switchboard' };

/**
 * The phone numbers: what answers each, its Vonage link, its last call, test callers and the hours override.
 * Local numbers render at once; the Vonage account's numbers and the health check load in the browser,
 * so a slow Vonage never holds the page.
 */
export default async function NumbersPage() {
  const actor = await requirePageAuth('viewer', '/numbers');
  const role = actor.user.role;
  const flows = listFlows(db()).map((f) => ({ id: f.id, name: f.name }));
  return (
    <>
      <AppHeader actor={actor} current="numbers" />
      <NumbersView
        initial={toWire(listNumbersWithLastCall(db()))}
        flows={flows}
        vonageConfigured={missingCredentials(config(), 'account').length === 0}
        can={{ bind: can(role, 'numbers.bind'), manage: can(role, 'numbers.manage'), configureVonage: can(role, 'vonage.configure') }}
        renderedAt={Date.now()}
      />
    </>
  );
}
