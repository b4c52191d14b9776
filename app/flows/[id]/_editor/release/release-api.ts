import { z } from 'zod';
import type { DiffBody } from '@/lib/api/diff-handlers';
import type { PublishedBody, PublishReportBody, RollbackBody } from '@/lib/api/publish-handlers';
import { ProblemSchema, type Problem } from '@/lib/api/responses';
import type { VersionDetailBody, VersionListBody } from '@/lib/api/versions-handlers';
import type { Wire } from '@/lib/api/wire';

/**
 * The release routes as the editor calls them. Bodies are our own server's, typed by the handlers; each is
 * still checked for its top-level shape, since a proxy may answer instead of Switchboard.
 */
export type Answer<T> = { ok: true; body: T; status: number } | { ok: false; problem: Problem['error'] };

const has = <T,>(key: string) => z.custom<T>((value) => typeof value === 'object' && value !== null && key in value);

async function call<T>(url: string, schema: z.ZodType<T>, init?: RequestInit): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
  } catch {
    return { ok: false, problem: { code: 'upstream_failed', message: 'Could not reach Switchboard' } };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = schema.safeParse(body);
    if (parsed.success) return { ok: true, body: parsed.data, status: response.status };
  }
  const problem = ProblemSchema.safeParse(body);
  return { ok: false, problem: problem.success ? problem.data.error : { code: 'upstream_failed', message: `Switchboard answered ${response.status}` } };
}

const flowUrl = (flowId: string, path: string) => `/api/flows/${encodeURIComponent(flowId)}/${path}`;
const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

export type PublishInput = { note?: string; numbers?: string[]; acknowledgeWarnings?: boolean; confirmApplicationWebhooks?: boolean };

export const publishReport = (flowId: string, numbers: string[] | undefined) =>
  call(flowUrl(flowId, 'publish'), has<Wire<PublishReportBody>>('report'), post({ dryRun: true, ...(numbers && { numbers }) }));

export const publish = (flowId: string, input: PublishInput) => call(flowUrl(flowId, 'publish'), has<Wire<PublishedBody>>('numbers'), post(input));

export const rollback = (flowId: string, input: { versionId: string; numbers?: string[]; confirmApplicationWebhooks?: boolean }) =>
  call(flowUrl(flowId, 'rollback'), has<Wire<RollbackBody>>('numbers'), post(input));

export const listVersions = (flowId: string) => call(flowUrl(flowId, 'versions'), has<Wire<VersionListBody>>('versions'));

export const getVersion = (flowId: string, versionId: string) =>
  call(flowUrl(flowId, `versions/${encodeURIComponent(versionId)}`), has<Wire<VersionDetailBody>>('version'));

export const getDiff = (flowId: string, from: string, to: string) =>
  call(`${flowUrl(flowId, 'diff')}?${new URLSearchParams({ from, to })}`, has<Wire<DiffBody>>('diff'));
