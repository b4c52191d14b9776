import { handleListTemplates } from '@/lib/api/templates-handlers';
import { requireAuth } from '@/lib/auth/require-auth';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handleListTemplates() : auth.response;
}
