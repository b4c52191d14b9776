import { handleCreateNumber, handleListNumbers } from '@/lib/api/numbers-handlers';
import { handleListNumbersWithVonage } from '@/lib/api/vonage-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { config } from '@/lib/config';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** `?source=vonage` adds the Vonage account's numbers (all pages) when credentials are configured. */
export async function GET(request: Request) {
  const auth = requireAuth(request, 'viewer');
  if (!auth.ok) return auth.response;
  const withVonage = new URL(request.url).searchParams.get('source') === 'vonage';
  return withVonage ? handleListNumbersWithVonage(db(), config()) : handleListNumbers(db());
}

/** Adding a phone line to Switchboard: admins. */
export async function POST(request: Request) {
  const auth = requireAuth(request, 'admin');
  return auth.ok ? handleCreateNumber(db(), request, auth.actor) : auth.response;
}
