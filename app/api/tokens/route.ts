import { handleCreateToken, handleListTokens } from '@/lib/api/tokens-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** Everyone manages their own tokens, from a signed-in browser only (a token must not mint tokens). */
export async function GET(request: Request) {
  const auth = requireAuth(request, 'viewer', { sessionOnly: true });
  return auth.ok ? handleListTokens(db(), auth.actor) : auth.response;
}

export async function POST(request: Request) {
  const auth = requireAuth(request, 'viewer', { sessionOnly: true });
  return auth.ok ? handleCreateToken(db(), request, auth.actor) : auth.response;
}
