import type { Issue } from '@/lib/api/issues';
import { ProblemSchema } from '@/lib/api/responses';

/** A failed call as a page shows it; `status` 0 means the server could not be reached. */
export type ApiError = { status: number; code?: string; message: string; issues: Issue[]; currentRevision?: number };
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** Calls the REST API from the browser (the session cookie rides along; fetch sends Origin on writes). */
export async function callApi<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
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

export const sendJson = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

/** The message for one field from an error's issues, for showing under that field. */
export function issueFor(error: ApiError, path: string): string | undefined {
  return error.issues.find((issue) => issue.path === path)?.message;
}
