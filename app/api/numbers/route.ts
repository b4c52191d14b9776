import { handleCreateNumber, handleListNumbers } from '@/lib/api/numbers-handlers';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

export const GET = () => handleListNumbers(db());
export const POST = (request: Request) => handleCreateNumber(db(), request);
