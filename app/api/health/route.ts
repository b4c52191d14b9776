import { handleHealth } from '@/lib/api/health-handlers';
import { config } from '@/lib/config';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** Public, for uptime monitors: says whether things work, never how they are configured. */
export const GET = () => handleHealth(db, config());
