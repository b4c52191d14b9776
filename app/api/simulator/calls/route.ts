import { handleStartSimulatedCall } from '@/lib/api/simulator-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { simulatorDeps } from '@/lib/simulator/process-deps';

export const dynamic = 'force-dynamic';

/** A test call places real webhooks against the flows, so it takes an editor. */
export async function POST(request: Request) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handleStartSimulatedCall(simulatorDeps(), request, auth.actor) : auth.response;
}
