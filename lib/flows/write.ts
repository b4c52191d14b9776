import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { flows, numbers } from '@/db/schema';
import { emptyDocument, type FlowDocument, type FlowLayout } from '@/lib/flow/document';
import { newId } from '@/lib/flow/ids';
import { getTemplate } from '@/lib/flow/templates';
import { createScenarios } from '@/lib/simulator/scenarios/scenario-store';
import { pruneLayout, toFlow, type Flow } from './stored-flow';

/** Where a new flow's content comes from. Inputs are already validated (names trimmed, documents parsed). */
export type NewFlow =
  | { source: 'blank'; name: string }
  | { source: 'template'; name: string; templateId: string }
  | { source: 'import'; name: string; document: FlowDocument; layout: FlowLayout };

export type CreateFlowResult = { ok: true; flow: Flow } | { ok: false; reason: 'unknown_template' };

/** Fields a save may change; `revision` is the one the client last loaded. */
export type FlowChanges = { revision: number; name?: string; document?: FlowDocument; layout?: FlowLayout };

export type UpdateFlowResult =
  | { ok: true; flow: Flow }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'stale_revision'; currentRevision: number };

export type DeleteFlowResult =
  | { ok: true }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'in_use'; numbers: string[] };

export function createFlow(db: Db, input: NewFlow, now = new Date()): CreateFlowResult {
  const content = contentOf(input);
  if (!content) return { ok: false, reason: 'unknown_template' };
  return db.transaction((tx): CreateFlowResult => {
    const row = tx
      .insert(flows)
      .values({
        id: newId('fl'),
        name: input.name,
        document: content.document,
        layout: pruneLayout(content.document, content.layout),
        revision: 1,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    // A flow made from a template comes with the template's test scenarios.
    if (input.source === 'template') createScenarios(tx, row.id, getTemplate(input.templateId)?.scenarios ?? [], now);
    return { ok: true, flow: toFlow(row) };
  });
}

function contentOf(input: NewFlow): { document: FlowDocument; layout: FlowLayout } | null {
  switch (input.source) {
    case 'blank':
      return emptyDocument();
    case 'template':
      return getTemplate(input.templateId)?.build() ?? null;
    case 'import':
      return { document: input.document, layout: input.layout };
    default:
      return input satisfies never;
  }
}

/**
 * Saves changes only if nobody saved since the caller loaded `changes.revision` (optimistic concurrency):
 * the revision check and the increment happen in one UPDATE, so two racing saves cannot both win.
 */
export function updateFlow(db: Db, id: string, changes: FlowChanges, now = new Date()): UpdateFlowResult {
  const { revision, name, document, layout } = changes;
  const row = db
    .update(flows)
    .set({
      name,
      document,
      layout: document && layout ? pruneLayout(document, layout) : layout,
      revision: revision + 1,
      updatedAt: now,
    })
    .where(and(eq(flows.id, id), eq(flows.revision, revision)))
    .returning()
    .get();
  if (row) return { ok: true, flow: toFlow(row) };
  const current = db.select({ revision: flows.revision }).from(flows).where(eq(flows.id, id)).get();
  return current
    ? { ok: false, reason: 'stale_revision', currentRevision: current.revision }
    : { ok: false, reason: 'not_found' };
}

/**
 * Deletes a flow and its versions, unless a number still routes to it: a live line must never lose its flow
 * (the numbers' foreign keys refuse it too; checking first turns that into an answer naming the numbers).
 */
export function deleteFlow(db: Db, id: string): DeleteFlowResult {
  return db.transaction((tx): DeleteFlowResult => {
    const bound = tx.select({ number: numbers.number }).from(numbers).where(eq(numbers.flowId, id)).orderBy(numbers.number).all();
    if (bound.length > 0) return { ok: false, reason: 'in_use', numbers: bound.map((row) => row.number) };
    return tx.delete(flows).where(eq(flows.id, id)).run().changes > 0 ? { ok: true } : { ok: false, reason: 'not_found' };
  });
}
