import { templates } from '@/lib/flow/templates';
import { json } from './responses';

/** What the New flow dialog offers; building a template's document waits until one is chosen. */
export type TemplateListBody = { templates: { id: string; name: string; description: string }[] };

/** GET /api/templates */
export function handleListTemplates(): Response {
  const body: TemplateListBody = { templates: templates.map(({ id, name, description }) => ({ id, name, description })) };
  return json(body);
}
