import type { Db } from '@/db/client';
import { createFlow } from '@/lib/flows/write';
import { createNumber, updateNumber } from '@/lib/numbers/write';
import { createVersion } from '@/lib/versions/create-version';

/** A flow made from a template, published as version 1 and bound to a number: a line ready to answer. */
export function seedLine(db: Db, templateId: string, number: string): { flowId: string; versionId: string } {
  const created = createFlow(db, { source: 'template', name: `${templateId} line`, templateId });
  if (!created.ok) throw new Error(`no template ${templateId}`);
  const versionId = publish(db, created.flow.id);
  const bound = createNumber(db, { number, label: '', flowId: created.flow.id, versionId });
  if (!bound.ok) throw new Error(`could not bind ${number}: ${bound.reason}`);
  return { flowId: created.flow.id, versionId };
}

/** Publishes the flow's current draft and returns the new version's id. */
export function publish(db: Db, flowId: string, note = ''): string {
  const version = createVersion(db, flowId, note);
  if (!version.ok) throw new Error(`could not publish ${flowId}: ${JSON.stringify(version)}`);
  return version.version.id;
}

/** Points a number at another version of its flow (a republish). */
export function rebind(db: Db, number: string, flowId: string, versionId: string): void {
  const result = updateNumber(db, number, { flowId, versionId });
  if (!result.ok) throw new Error(`could not rebind ${number}: ${result.reason}`);
}
