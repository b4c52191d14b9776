import { z } from 'zod';
import type { Db } from '@/db/client';
import { auditActor, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import { flowExists } from '@/lib/flows/read';
import { createVersion, VERSION_NOTE_MAX } from '@/lib/versions/create-version';
import { listVersions } from '@/lib/versions/read';
import type { VersionSummary } from '@/lib/versions/stored-version';
import type { FlowParams } from './flows-handlers';
import { readJson } from './read-json';
import { json, problem } from './responses';

/** Response bodies; clients read them as `Wire<...>` (dates as ISO strings). */
export type VersionListBody = { versions: VersionSummary[] };
export type VersionBody = { version: VersionSummary };

const PublishRequestSchema = z.object({
  note: z
    .string({ error: 'A note must be text' })
    .trim()
    .max(VERSION_NOTE_MAX, `A note is at most ${VERSION_NOTE_MAX} characters`)
    .default(''),
});

const notFound = (id: string) => problem(404, 'not_found', `There is no flow ${JSON.stringify(id)}`);

/** GET /api/flows/:id/versions: newest first. */
export function handleListVersions(db: Db, _request: Request, { id }: FlowParams): Response {
  if (!flowExists(db, id)) return notFound(id);
  return json({ versions: listVersions(db, id) } satisfies VersionListBody);
}

/** POST /api/flows/:id/versions: publishes the current draft; 422 lists what must be fixed first. */
export async function handleCreateVersion(db: Db, request: Request, actor: Actor, { id }: FlowParams): Promise<Response> {
  const body = await readJson(request, PublishRequestSchema);
  if (!body.ok) return body.response;
  const result = createVersion(db, id, body.data.note);
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
    default:
      return result satisfies never;
  }
}
