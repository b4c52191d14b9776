import { handleRtcEvent } from '@/lib/voice/rtc-event';
import { voiceDeps } from '@/lib/voice/process-deps';

export const dynamic = 'force-dynamic';

/** The application's RTC event_url (Conversation events): public, signed when a signature secret is set. */
export const POST = (request: Request) => handleRtcEvent(request, voiceDeps());
