import { count } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { appState, flows } from '@/db/schema';
import { createFlow } from '@/lib/flows/write';
import { createNumber, updateNumber } from '@/lib/numbers/write';
import { createVersion } from '@/lib/versions/create-version';

/** The local number the example flow answers; 447700900xxx is Ofcom's range for drama, never a real line. */
export const DEMO_LINE = { number: '447700900000', label: 'Demo line' } as const;
export const EXAMPLE_FLOW_NAME = 'Example: IVR menu';
const SEEDED_KEY = 'example_seeded';

/**
 * First start: a database without a single flow gets the IVR template, published and bound to the demo
 * line, with the template's scenarios, so a new user can press "Test call" at once. It happens once per
 * database (a marker in app_state), so deleting the example later does not bring it back; the marker is
 * claimed before seeding, so two processes starting together seed once.
 */
export function seedExample(db: Db, now = new Date()): { flowId: string; versionId: string } | null {
  const claimed = db.insert(appState).values({ key: SEEDED_KEY, value: now.toISOString() }).onConflictDoNothing().returning().get();
  if (!claimed) return null;
  // An existing install (flows made before this feature) is left as it is.
  if ((db.select({ n: count() }).from(flows).get()?.n ?? 0) > 0) return null;
  const created = createFlow(db, { source: 'template', name: EXAMPLE_FLOW_NAME, templateId: 'ivr-menu' }, now);
  if (!created.ok) throw new Error('the IVR template is missing');
  const flowId = created.flow.id;
  const version = createVersion(db, flowId, 'The example, published on first start', now);
  if (!version.ok) throw new Error(`the IVR template does not publish: ${JSON.stringify(version)}`);
  const binding = { label: DEMO_LINE.label, flowId, versionId: version.version.id };
  const added = createNumber(db, { number: DEMO_LINE.number, ...binding }, now);
  if (!added.ok && added.reason === 'exists') updateNumber(db, DEMO_LINE.number, binding, now);
  return { flowId, versionId: version.version.id };
}
