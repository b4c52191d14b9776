import { z } from 'zod';
import { CallEventSchema } from '@/lib/events/wire';
import { CALL_OUTCOMES } from './outcome';

/** A call as GET /api/calls and GET /api/calls/:uuid send it (dates as ISO strings); clients parse with it. */
export const CallSummaryJsonSchema = z.object({
  uuid: z.string(),
  from: z.string(),
  to: z.string(),
  flowId: z.string().nullable(),
  flowName: z.string().nullable(),
  versionNumber: z.number().nullable(),
  status: z.string(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  duration: z.number().nullable(),
  outcome: z.enum(CALL_OUTCOMES),
  simulated: z.boolean(),
  draft: z.boolean(),
});
export type CallSummaryJson = z.infer<typeof CallSummaryJsonSchema>;

export const CallDetailJsonSchema = z.object({
  call: CallSummaryJsonSchema.extend({ conversationUuid: z.string() }),
  events: z.array(CallEventSchema),
});
export type CallDetailJson = z.infer<typeof CallDetailJsonSchema>;
