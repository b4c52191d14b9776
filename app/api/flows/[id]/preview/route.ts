import { handlePreview } from '@/lib/api/preview-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** A preview changes nothing, so viewers may run one. */
export async function POST(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handlePreview(db(), request, await params) : auth.response;
}
