import { handleSimulatedCallAction } from '@/lib/api/simulator-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { simulatorDeps } from '@/lib/simulator/process-deps';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handleSimulatedCallAction(simulatorDeps(), request, await params) : auth.response;
}
