import { handleListTemplates } from '@/lib/api/templates-handlers';

export const dynamic = 'force-dynamic';

export const GET = () => handleListTemplates();
