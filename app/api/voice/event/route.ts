import { handleEvent } from '@/lib/voice/event';
import { voiceDeps } from '@/lib/voice/process-deps';

export const dynamic = 'force-dynamic';

/** Vonage's voice event_url (and record eventUrl): public, signed when a signature secret is set. */
export const POST = (request: Request) => handleEvent(request, voiceDeps());
export const GET = POST;
