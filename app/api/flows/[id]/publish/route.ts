import { handlePublish } from '@/lib/api/publish-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { publishDeps } from '@/lib/publish/process-deps';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** Publishing (and its dry run, which plays the scenarios as test calls): editors. */
export async function POST(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handlePublish(publishDeps(), request, auth.actor, await params) : auth.response;
}
