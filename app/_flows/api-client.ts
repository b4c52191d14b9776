import type { FlowBody } from '@/lib/api/flows-handlers';
import type { Issue } from '@/lib/api/issues';
import { ProblemSchema } from '@/lib/api/responses';
import type { TemplateListBody } from '@/lib/api/templates-handlers';
import type { Wire } from '@/lib/api/wire';

/** A failed call as the page shows it; `status` 0 means the server could not be reached. */
export type ApiError = { status: number; message: string; issues: Issue[]; currentRevision?: number };
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export type FlowJson = Wire<FlowBody>['flow'];
export type TemplateInfo = TemplateListBody['templates'][number];

async function call<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  } catch {
    return { ok: false, error: { status: 0, message: 'Could not reach Switchboard. Check your connection and try again.', issues: [] } };
  }
  if (response.status === 204) return { ok: true, data: undefined as T };
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, data: body as T };
  // Anything that is not our error shape (a proxy's page, a crash) still gets a readable message.
  const problem = ProblemSchema.safeParse(body);
  return {
    ok: false,
    error: problem.success
      ? { status: response.status, ...problem.data.error, issues: problem.data.error.issues ?? [] }
      : { status: response.status, message: `Switchboard answered ${response.status} ${response.statusText}`, issues: [] },
  };
}

const send = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

export const api = {
  getFlow: (id: string) => call<Wire<FlowBody>>(`/api/flows/${encodeURIComponent(id)}`),
  /** Any body POST /api/flows accepts: `{ name, templateId? }`, `{ name, document, layout }` or an export file. */
  createFlow: (body: unknown) => call<Wire<FlowBody>>('/api/flows', send('POST', body)),
  updateFlow: (id: string, body: { revision: number; name?: string }) =>
    call<Wire<FlowBody>>(`/api/flows/${encodeURIComponent(id)}`, send('PUT', body)),
  deleteFlow: (id: string) => call<void>(`/api/flows/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  listTemplates: () => call<TemplateListBody>('/api/templates'),
};
