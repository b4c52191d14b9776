import type { Db } from '@/db/client';
import type { Config } from '@/lib/config';
import { listNumbersWithLastCall, type ListedNumber } from '@/lib/numbers/listed-number';
import { linkStateOf, listOwnedNumbers, missingCredentials, vonageHealth, type HealthFinding, type LinkState, type VoiceRoute } from '@/lib/vonage-account';
import { json } from './responses';

/** The Vonage variables, for the "how to connect" text when none are set. */
export const VONAGE_VARIABLES = ['VONAGE_API_KEY', 'VONAGE_API_SECRET', 'VONAGE_APPLICATION_ID', 'VONAGE_PRIVATE_KEY', 'VONAGE_SIGNATURE_SECRET', 'PUBLIC_BASE_URL'] as const;

/** A number of the Vonage account, with where its calls go and whether Switchboard knows it. */
export type OwnedNumberView = { number: string; country: string; type: string; features: string[]; linkState: LinkState; voice: VoiceRoute; local: boolean };

/** Whether the account could be listed: not configured, listed, or the reason it failed. */
export type VonageListing =
  | { state: 'not_configured'; missing: string[] }
  | { state: 'ok'; owned: OwnedNumberView[] }
  | { state: 'error'; code: string; message: string };

export type NumbersWithVonageBody = { numbers: ListedNumber[]; vonage: VonageListing };

/** GET /api/numbers?source=vonage: the local numbers plus every number of the Vonage account (all pages). */
export async function handleListNumbersWithVonage(db: Db, config: Config): Promise<Response> {
  const local = listNumbersWithLastCall(db);
  return json({ numbers: local, vonage: await vonageListing(config, new Set(local.map((n) => n.number))) } satisfies NumbersWithVonageBody);
}

async function vonageListing(config: Config, local: ReadonlySet<string>): Promise<VonageListing> {
  const missing = missingCredentials(config, 'account');
  if (missing.length > 0) return { state: 'not_configured', missing };
  const owned = await listOwnedNumbers({ config });
  if (!owned.ok) return { state: 'error', code: owned.code, message: owned.message };
  return {
    state: 'ok',
    owned: owned.value.map((n) => ({
      number: n.msisdn,
      country: n.country,
      type: n.type,
      features: n.features,
      linkState: linkStateOf(n, config.VONAGE_APPLICATION_ID),
      voice: n.voice,
      local: local.has(n.msisdn),
    })),
  };
}

export type VonageHealthBody = { configured: boolean; missing: string[]; findings: HealthFinding[] };

/** GET /api/vonage/health: what stops calls reaching Switchboard, worst first, in words a user can act on. */
export async function handleVonageHealth(db: Db, config: Config): Promise<Response> {
  const missing = VONAGE_VARIABLES.filter((key) => config[key] === undefined);
  const configured = missingCredentials(config, 'application').length === 0;
  // Only numbers that route somewhere must be linked; the rest of the account may serve other products.
  const routedNumbers = listNumbersWithLastCall(db).filter((n) => n.flowId !== null).map((n) => n.number);
  const findings = await vonageHealth({ config }, configured ? { routedNumbers } : {});
  return json({ configured, missing, findings } satisfies VonageHealthBody);
}
