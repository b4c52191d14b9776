import { handleFallback } from '@/lib/voice/fallback';
import { voiceDeps } from '@/lib/voice/process-deps';

export const dynamic = 'force-dynamic';

/** Vonage's fallback_answer_url, also used mid-call when a continuation could not be delivered. */
export const GET = (request: Request) => handleFallback(request, voiceDeps());
export const POST = GET;
