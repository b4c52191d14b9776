import { handleDraftAnswer } from '@/lib/voice/draft-answer';
import { voiceDeps } from '@/lib/voice/process-deps';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ token: string }> };

/** An outbound test call's answer URL: public (Vonage calls it), signed like the answer_url, plus a draft token. */
export async function GET(request: Request, { params }: Context) {
  return handleDraftAnswer(request, (await params).token, voiceDeps());
}
export const POST = GET;
