import { handleCreateNumber, handleListNumbers } from '@/lib/api/numbers-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handleListNumbers(db()) : auth.response;
}

/** Adding a phone line to Switchboard: admins. */
export async function POST(request: Request) {
  const auth = requireAuth(request, 'admin');
  return auth.ok ? handleCreateNumber(db(), request, auth.actor) : auth.response;
}
