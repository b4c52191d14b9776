import { handleCreateScenario, handleListScenarios } from '@/lib/api/scenarios-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handleListScenarios(db(), await params) : auth.response;
}

export async function POST(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handleCreateScenario(db(), request, auth.actor, await params) : auth.response;
}
