import { handleSignOut } from '@/lib/api/auth-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { authSettings } from '@/lib/auth/settings';
import { config } from '@/lib/config';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const auth = requireAuth(request, 'viewer', { sessionOnly: true, allowPendingPasswordChange: true });
  return auth.ok ? handleSignOut(db(), auth.actor, authSettings(config())) : auth.response;
}
