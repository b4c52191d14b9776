import { handleDeleteScenario, handleGetScenario, handleReplaceScenario } from '@/lib/api/scenarios-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string; scenarioId: string }> };

export async function GET(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handleGetScenario(db(), await params) : auth.response;
}

export async function PUT(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handleReplaceScenario(db(), request, auth.actor, await params) : auth.response;
}

export async function DELETE(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handleDeleteScenario(db(), auth.actor, await params) : auth.response;
}
