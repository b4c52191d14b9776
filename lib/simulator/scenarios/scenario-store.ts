import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { scenarios, type ScenarioRow } from '@/db/schema';
import type { DbTransaction } from '@/lib/app-state';
import { newId } from '@/lib/flow/ids';
import { ScenarioInputSchema, ScenarioSchema, type Scenario, type ScenarioInput } from './scenario-schema';

/** A flow's scenarios, oldest first (the order they were written in, which is the order they run in). */
export function listScenarios(db: Db, flowId: string): Scenario[] {
  return db.select().from(scenarios).where(eq(scenarios.flowId, flowId)).orderBy(asc(scenarios.createdAt), asc(scenarios.id)).all().map(toScenario);
}

export function getScenario(db: Db, flowId: string, id: string): Scenario | null {
  const row = db.select().from(scenarios).where(and(eq(scenarios.flowId, flowId), eq(scenarios.id, id))).get();
  return row ? toScenario(row) : null;
}

/** Adds scenarios to a flow; `input` is validated here too, so a template's own scenarios are held to the schema. */
export function createScenarios(db: Db | DbTransaction, flowId: string, inputs: readonly ScenarioInput[], now = new Date()): Scenario[] {
  // Consecutive timestamps keep the given order when listing by creation time.
  return inputs.map((input, i) => {
    const { name, setup, steps } = ScenarioInputSchema.parse(input);
    const at = new Date(now.getTime() + i);
    const row = db.insert(scenarios).values({ id: newId('sc'), flowId, name, setup, steps, createdAt: at, updatedAt: at }).returning().get();
    return toScenario(row);
  });
}

export function replaceScenario(db: Db, flowId: string, id: string, input: ScenarioInput, now = new Date()): Scenario | null {
  const { name, setup, steps } = ScenarioInputSchema.parse(input);
  const row = db
    .update(scenarios)
    .set({ name, setup, steps, updatedAt: now })
    .where(and(eq(scenarios.flowId, flowId), eq(scenarios.id, id)))
    .returning()
    .get();
  return row ? toScenario(row) : null;
}

export function deleteScenario(db: Db, flowId: string, id: string): boolean {
  return db.delete(scenarios).where(and(eq(scenarios.flowId, flowId), eq(scenarios.id, id))).run().changes > 0;
}

/** Parses a stored row; one that fails is corrupt storage, not user input, so this throws. */
function toScenario(row: ScenarioRow): Scenario {
  return ScenarioSchema.parse(row);
}
