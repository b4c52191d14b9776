import { handleInviteUser, handleListUsers } from '@/lib/api/users-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const auth = requireAuth(request, 'admin');
  return auth.ok ? handleListUsers(db()) : auth.response;
}

export async function POST(request: Request) {
  const auth = requireAuth(request, 'admin');
  return auth.ok ? handleInviteUser(db(), request, auth.actor) : auth.response;
}
