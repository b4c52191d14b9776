import { handleGetCall } from '@/lib/api/calls-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ uuid: string }> };

export async function GET(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handleGetCall(db(), await params) : auth.response;
}
