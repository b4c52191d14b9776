import { handleDeleteNumber, handleGetNumber, handleUpdateNumber } from '@/lib/api/numbers-handlers';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ number: string }> };

export const GET = async (request: Request, { params }: Context) => handleGetNumber(db(), request, await params);
export const PUT = async (request: Request, { params }: Context) => handleUpdateNumber(db(), request, await params);
export const DELETE = async (request: Request, { params }: Context) => handleDeleteNumber(db(), request, await params);
