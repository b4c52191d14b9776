import { handleSetup } from '@/lib/api/auth-handlers';
import { authSettings } from '@/lib/auth/settings';
import { config } from '@/lib/config';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** Public only while nobody has an account: creates the first admin, then answers 404 forever. */
export const POST = (request: Request) => handleSetup(db(), request, authSettings(config()));
