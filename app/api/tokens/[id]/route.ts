import { handleRevokeToken } from '@/lib/api/tokens-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export async function DELETE(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'viewer', { sessionOnly: true });
  return auth.ok ? handleRevokeToken(db(), auth.actor, await params) : auth.response;
}
