import { handleChangePassword } from '@/lib/api/account-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** Anyone may change their own password, and someone holding a temporary one must. */
export async function POST(request: Request) {
  const auth = requireAuth(request, 'viewer', { sessionOnly: true, allowPendingPasswordChange: true });
  return auth.ok ? handleChangePassword(db(), request, auth.actor) : auth.response;
}
