import { handleDeleteFlow, handleGetFlow, handleUpdateFlow } from '@/lib/api/flows-handlers';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const GET = async (request: Request, { params }: Context) => handleGetFlow(db(), request, await params);
export const PUT = async (request: Request, { params }: Context) => handleUpdateFlow(db(), request, await params);
export const DELETE = async (request: Request, { params }: Context) => handleDeleteFlow(db(), request, await params);
