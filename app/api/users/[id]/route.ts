import { handleUpdateUser } from '@/lib/api/users-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export async function PATCH(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'admin');
  return auth.ok ? handleUpdateUser(db(), request, auth.actor, await params) : auth.response;
}
