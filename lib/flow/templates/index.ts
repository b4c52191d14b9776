import { businessHours } from './business-hours';
import { forwardToMobile } from './forward-to-mobile';
import { ivrMenu } from './ivr-menu';
import type { Template } from './build';

export type { Template, TemplateContent } from './build';

/** The templates the New flow dialog offers, in the order it lists them. */
export const templates: readonly Template[] = [ivrMenu, businessHours, forwardToMobile];

export function getTemplate(id: string): Template | undefined {
  return templates.find((t) => t.id === id);
}
