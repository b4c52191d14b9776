import { handleCreateFlow, handleListFlows } from '@/lib/api/flows-handlers';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

export const GET = (request: Request) => handleListFlows(db(), request);
export const POST = (request: Request) => handleCreateFlow(db(), request);
