import { handleRecordingAudio } from '@/lib/api/recordings-handlers';
import { requireAuth } from '@/lib/auth/require-auth';
import { config } from '@/lib/config';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** The recording's audio through Switchboard, Range requests included. */
export async function GET(request: Request, { params }: Context) {
  const auth = requireAuth(request, 'viewer');
  return auth.ok ? handleRecordingAudio(db(), config(), request, await params) : auth.response;
}
