import { handleAnswer } from '@/lib/voice/answer';
import { voiceDeps } from '@/lib/voice/process-deps';

export const dynamic = 'force-dynamic';

/** Vonage's answer_url: public (Vonage calls it), signed when VONAGE_SIGNATURE_SECRET is set. */
export const GET = (request: Request) => handleAnswer(request, voiceDeps());
export const POST = GET;
