import { handleDiff } from '@/lib/api/diff-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { config } from '@/lib/config';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handleDiff({ db: db(), publicBaseUrl: config().PUBLIC_BASE_URL, now: () => new Date() }, request, await params) : auth.response;
}
