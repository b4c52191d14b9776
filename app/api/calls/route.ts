import { handleListCalls } from '@/lib/api/calls-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handleListCalls(db(), request) : auth.response;
}
