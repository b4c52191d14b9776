import { handleRunScenarios } from '@/lib/api/scenarios-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { simulatorDeps } from '@/lib/simulator/process-deps';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** Running scenarios places test calls, so it takes an editor (API tokens welcome: CI runs them). */
export async function POST(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handleRunScenarios(simulatorDeps(), request, auth.actor, await params) : auth.response;
}
