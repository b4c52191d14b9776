import { handleVonageHealth } from '@/lib/api/vonage-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { config } from '@/lib/config';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** What is wrong with the Vonage link: editors and admins (it names the application and the numbers). */
export async function GET(request: Request) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handleVonageHealth(db(), config()) : auth.response;
}
