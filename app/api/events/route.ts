import { handleListEvents } from '@/lib/api/events-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handleListEvents(db(), request) : auth.response;
}
