import { z } from 'zod';
import { SimClockSchema } from './clock';
import { TranscriptEntrySchema, WaitingSchema } from './transcript';

/** What the carrier keeps about a call between requests (the `view` column). */
export const CarrierViewSchema = z.object({
  realTime: z.boolean(),
  waiting: WaitingSchema.nullable(),
  transcript: z.array(TranscriptEntrySchema),
  path: z.array(z.string()),
  currentNodeId: z.string().nullable(),
  leftFlow: z.boolean(),
});
export type CarrierView = z.infer<typeof CarrierViewSchema>;

/**
 * GET /api/simulator/calls/:id: a simulated call as the test-call panel and scenarios see it. Parsed by
 * the browser, since a proxy may answer instead of Switchboard.
 */
export const SimulatedCallViewSchema = CarrierViewSchema.extend({
  id: z.string(),
  flowId: z.string(),
  version: z.enum(['draft', 'live']),
  /** The published version a live call runs (1, 2, 3…); null for a draft. */
  versionNumber: z.number().nullable(),
  from: z.string(),
  to: z.string(),
  clock: SimClockSchema.nullable(),
  /** interrupted: Switchboard restarted while the call ran, so nobody carries it on. */
  status: z.enum(['running', 'ended', 'interrupted']),
  /** The call as the webhook handlers stored it (null until the answer webhook created it). */
  call: z.object({ status: z.string(), simulated: z.boolean() }).nullable(),
  startedAt: z.iso.datetime(),
});
export type SimulatedCallView = z.infer<typeof SimulatedCallViewSchema>;

export const SimulatedCallBodySchema = z.object({ call: SimulatedCallViewSchema });
export type SimulatedCallBody = z.infer<typeof SimulatedCallBodySchema>;
