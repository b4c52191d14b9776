import type { Db } from '@/db/client';
import { auditActor, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import { NumberSettingsSchema } from '@/lib/numbers/number-settings';
import type { NumberEntry } from '@/lib/numbers/read';
import { updateNumberSettings } from '@/lib/numbers/write-settings';
import type { NumberBody, NumberParams } from './numbers-handlers';
import { readJson } from './read-json';
import { json, problem } from './responses';

/** PATCH /api/numbers/:number: test callers and the hours override (with its message). */
export async function handleUpdateNumberSettings(db: Db, request: Request, actor: Actor, { number }: NumberParams): Promise<Response> {
  const body = await readJson(request, NumberSettingsSchema);
  if (!body.ok) return body.response;
  const result = updateNumberSettings(db, number, body.data);
  if (!result.ok) {
    switch (result.reason) {
      case 'not_found':
        return problem(404, 'not_found', `The number ${JSON.stringify(number)} is not set up in Switchboard`);
      case 'invalid':
        return problem(400, 'invalid_request', 'The request is not valid', result.issues);
      default:
        return result satisfies never;
    }
  }
  const details = { from: settingsOf(result.before), to: settingsOf(result.number) };
  recordAudit(db, { action: 'number.settings_changed', ...auditActor(actor), target: { type: 'number', id: number }, details });
  return json({ number: result.number } satisfies NumberBody);
}

function settingsOf({ testCallers, hoursOverride, overrideMessage }: NumberEntry) {
  return { testCallers, hoursOverride, overrideMessage };
}
