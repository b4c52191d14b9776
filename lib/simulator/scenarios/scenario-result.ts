import { z } from 'zod';

/** How one step went; steps after a failure are skipped (the call is hung up). */
export const StepResultSchema = z.object({
  description: z.string(),
  status: z.enum(['passed', 'failed', 'skipped']),
  message: z.string().nullable(),
});

/** A scenario's run, as the API, the editor and `npm run scenarios` read it. */
export const ScenarioResultSchema = z.object({
  scenarioId: z.string(),
  name: z.string(),
  passed: z.boolean(),
  /** The test call the run placed (its events are in the event log, marked simulated). */
  callId: z.string().nullable(),
  steps: z.array(StepResultSchema),
  failure: z
    .object({
      /** 1-based; 0 when the call could not be placed at all. */
      step: z.number().int(),
      description: z.string(),
      message: z.string(),
      /** What the caller heard since the last check or action, i.e. instead of what was expected. */
      heard: z.array(z.string()),
    })
    .nullable(),
  /** Everything the caller heard, in order. */
  heard: z.array(z.string()),
});
export type ScenarioResult = z.infer<typeof ScenarioResultSchema>;

/** POST /api/flows/:id/scenarios/run */
export const RunResultSchema = z.object({
  results: z.array(ScenarioResultSchema),
  passed: z.number().int(),
  failed: z.number().int(),
});
export type RunResult = z.infer<typeof RunResultSchema>;

export const RunRequestSchema = z.object({
  /** Which scenarios to run; all of the flow's when absent. */
  scenarioIds: z.array(z.string().min(1)).max(100).optional(),
  /** The draft (what is being edited) or the latest published version. */
  version: z.enum(['draft', 'live'], { error: 'version is draft or live' }).default('draft'),
});
export type RunRequest = z.infer<typeof RunRequestSchema>;
