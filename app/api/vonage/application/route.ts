import { handlePointApplication } from '@/lib/api/vonage-application-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { config } from '@/lib/config';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** Pointing the Vonage application at Switchboard: admins, since it changes every number on the application. */
export async function POST(request: Request) {
  const auth = requireAuth(request, 'admin');
  return auth.ok ? handlePointApplication(db(), { config: config() }, request, auth.actor) : auth.response;
}
