import { handleListAudit } from '@/lib/api/audit-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const auth = requireAuth(request, 'admin');
  return auth.ok ? handleListAudit(db(), request) : auth.response;
}
