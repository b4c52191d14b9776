import { z } from 'zod';
import type { Db } from '@/db/client';
import { auditActor, authorOf, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import { flowExists } from '@/lib/flows/read';
import { createVersion } from '@/lib/versions/create-version';
import { VersionNoteSchema } from '@/lib/versions/version-note';
import { flowNumbers } from '@/lib/publish/live-version';
import { getVersion, listVersions } from '@/lib/versions/read';
import type { FlowVersion, VersionSummary } from '@/lib/versions/stored-version';
import type { FlowParams } from './flows-handlers';
import { readJson } from './read-json';
import { json, problem } from './responses';

/** Response bodies; clients read them as `Wire<...>` (dates as ISO strings). */
export type VersionListBody = { versions: (VersionSummary & { liveOn: string[] })[] };
export type VersionDetailBody = { version: FlowVersion & { liveOn: string[] } };
export type VersionBody = { version: VersionSummary };

const PublishRequestSchema = z.object({ note: VersionNoteSchema });

const notFound = (id: string) => problem(404, 'not_found', `There is no flow ${JSON.stringify(id)}`);

/** GET /api/flows/:id/versions: newest first. */
export function handleListVersions(db: Db, _request: Request, { id }: FlowParams): Response {
  if (!flowExists(db, id)) return notFound(id);
  const liveOn = numbersByVersion(db, id);
  const versions = listVersions(db, id).map((version) => ({ ...version, liveOn: liveOn.get(version.id) ?? [] }));
  return json({ versions } satisfies VersionListBody);
}

/** GET /api/flows/:id/versions/:versionId: one version with its document and layout, to view or restore. */
export function handleGetVersion(db: Db, { id, versionId }: FlowParams & { versionId: string }): Response {
  const version = getVersion(db, versionId);
  if (!version || version.flowId !== id) return problem(404, 'not_found', `This flow has no version ${JSON.stringify(versionId)}`);
  return json({ version: { ...version, liveOn: numbersByVersion(db, id).get(version.id) ?? [] } } satisfies VersionDetailBody);
}

function numbersByVersion(db: Db, flowId: string): Map<string, string[]> {
  const byVersion = new Map<string, string[]>();
  for (const { number, versionId } of flowNumbers(db, flowId)) {
    if (versionId) byVersion.set(versionId, [...(byVersion.get(versionId) ?? []), number]);
  }
  return byVersion;
}

/** POST /api/flows/:id/versions: publishes the current draft; 422 lists what must be fixed first. */
export async function handleCreateVersion(db: Db, request: Request, actor: Actor, { id }: FlowParams): Promise<Response> {
  const body = await readJson(request, PublishRequestSchema);
  if (!body.ok) return body.response;
  const result = createVersion(db, id, body.data.note, new Date(), { author: authorOf(actor) });
  if (result.ok) {
    const { version } = result;
    recordAudit(db, {
      action: 'version.published',
      ...auditActor(actor),
      target: { type: 'flow', id },
      details: { versionId: version.id, number: version.number, note: version.note },
    });
    return json({ version } satisfies VersionBody, 201);
  }
  switch (result.reason) {
    case 'not_found':
      return notFound(id);
    case 'invalid': {
      const count = result.issues.length;
      const message = `Fix ${count === 1 ? 'this problem' : `these ${count} problems`} before publishing`;
      return problem(422, 'flow_invalid', message, result.issues);
    }
    case 'changed':
      // Only a caller that names the revision it checked gets this; this route snapshots whatever is saved.
      return problem(409, 'stale_revision', 'The draft changed while it was being published: try again', undefined, { currentRevision: result.currentRevision });
    default:
      return result satisfies never;
  }
}
