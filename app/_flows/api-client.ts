import { callApi as call, sendJson as send } from '@/app/_shell/call-api';
import type { FlowBody } from '@/lib/api/flows-handlers';
import type { TemplateListBody } from '@/lib/api/templates-handlers';
import type { Wire } from '@/lib/api/wire';

export type FlowJson = Wire<FlowBody>['flow'];
export type TemplateInfo = TemplateListBody['templates'][number];

export const api = {
  getFlow: (id: string) => call<Wire<FlowBody>>(`/api/flows/${encodeURIComponent(id)}`),
  /** Any body POST /api/flows accepts: `{ name, templateId? }`, `{ name, document, layout }` or an export file. */
  createFlow: (body: unknown) => call<Wire<FlowBody>>('/api/flows', send('POST', body)),
  updateFlow: (id: string, body: { revision: number; name?: string }) =>
    call<Wire<FlowBody>>(`/api/flows/${encodeURIComponent(id)}`, send('PUT', body)),
  deleteFlow: (id: string) => call<void>(`/api/flows/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  listTemplates: () => call<TemplateListBody>('/api/templates'),
};
