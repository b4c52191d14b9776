import { handleSignIn } from '@/lib/api/auth-handlers';
import { authSettings } from '@/lib/auth/settings';
import { config } from '@/lib/config';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** Public by nature; rate-limited per account and per address, and only from Switchboard's own origin. */
export const POST = (request: Request) => handleSignIn(db(), request, authSettings(config()));
