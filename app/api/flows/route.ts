import { handleCreateFlow, handleListFlows } from '@/lib/api/flows-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handleListFlows(db(), request) : auth.response;
}

export async function POST(request: Request) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handleCreateFlow(db(), request, auth.actor) : auth.response;
}
