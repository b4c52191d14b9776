import { handleGetSimulatedCall } from '@/lib/api/simulator-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handleGetSimulatedCall({ db: db() }, await params) : auth.response;
}
