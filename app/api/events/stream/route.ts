import { handleEventStream } from '@/lib/api/events-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';
import { eventBus } from '@/lib/events/bus';

export const dynamic = 'force-dynamic';

/** Server-Sent Events: the live event log (lib/events/stream.ts). */
export async function GET(request: Request) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handleEventStream(db(), eventBus(), request) : auth.response;
}
