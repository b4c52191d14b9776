import { handleOutboundOptions, handlePlaceOutboundCall } from '@/lib/api/outbound-call-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { config } from '@/lib/config';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handleOutboundOptions(db(), config(), await params) : auth.response;
}

/** Calling a real phone costs money and runs the draft: editors. */
export async function POST(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handlePlaceOutboundCall(db(), config(), request, auth.actor, await params) : auth.response;
}
