import { handleRollback } from '@/lib/api/publish-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { publishDeps } from '@/lib/publish/process-deps';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** Making an earlier version live again: editors. */
export async function POST(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handleRollback(publishDeps(), request, auth.actor, await params) : auth.response;
}
