import { handleDeleteNumber, handleGetNumber, handleUpdateNumber } from '@/lib/api/numbers-handlers';
import { handleUpdateNumberSettings } from '@/lib/api/number-settings-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ number: string }> };

export async function GET(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handleGetNumber(db(), request, await params) : auth.response;
}

/** Pointing a number at a flow version is publishing (or rolling back): editors. */
export async function PUT(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handleUpdateNumber(db(), request, auth.actor, await params) : auth.response;
}

/** Removing a phone line: admins. */
export async function DELETE(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'admin');
  return auth.ok ? handleDeleteNumber(db(), request, auth.actor, await params) : auth.response;
}

/** Test callers and the hours override change what callers hear, like binding: editors. */
export async function PATCH(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'editor');
  return auth.ok ? handleUpdateNumberSettings(db(), request, auth.actor, await params) : auth.response;
}
