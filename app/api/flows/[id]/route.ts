import { handleDeleteFlow, handleGetFlow, handleUpdateFlow } from '@/lib/api/flows-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handleGetFlow(db(), request, await params) : auth.response;
}

export async function PUT(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handleUpdateFlow(db(), request, auth.actor, await params) : auth.response;
}

export async function DELETE(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handleDeleteFlow(db(), request, auth.actor, await params) : auth.response;
}
