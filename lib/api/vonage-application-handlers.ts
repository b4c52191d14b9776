import type { Db } from '@/db/client';
import { auditActor, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import { pointApplication, PointApplicationRequestSchema, type PointedApplication } from '@/lib/publish/point-application';
import type { VonageDeps } from '@/lib/vonage-account';
import { readJson } from './read-json';
import { json } from './responses';
import { vonageProblem } from './vonage-problem';

export type PointApplicationBody = PointedApplication;

/**
 * POST /api/vonage/application: points the application's webhooks at Switchboard. Without `confirm` it
 * answers what would change and every number affected (the confirmation publishing shows); with it, what
 * changed. A Vonage failure answers with its reason (503 not configured, 429 with retry-after, else 502).
 */
export async function handlePointApplication(db: Db, vonage: VonageDeps, request: Request, actor: Actor): Promise<Response> {
  const body = await readJson(request, PointApplicationRequestSchema);
  if (!body.ok) return body.response;
  const result = await pointApplication(vonage, body.data);
  if (!result.ok) return vonageProblem(result);
  if (result.value.status === 'updated') {
    const { numbers, changes } = result.value;
    recordAudit(db, {
      action: 'vonage.application_pointed',
      ...auditActor(actor),
      target: { type: 'application', id: vonage.config.VONAGE_APPLICATION_ID ?? '' },
      details: { numbers, changes },
    });
  }
  return json(result.value satisfies PointApplicationBody);
}
