import { handleCreateVersion, handleListVersions } from '@/lib/api/versions-handlers';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const GET = async (request: Request, { params }: Context) => handleListVersions(db(), request, await params);
export const POST = async (request: Request, { params }: Context) => handleCreateVersion(db(), request, await params);
