import { handleContinue } from '@/lib/voice/continue';
import { voiceDeps } from '@/lib/voice/process-deps';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ token: string }> };

/** Input results, connect states and resume notifies: reachable only with an HMAC-signed token. */
export async function POST(request: Request, { params }: Params) {
  return handleContinue(request, (await params).token, voiceDeps());
}
export const GET = POST;
