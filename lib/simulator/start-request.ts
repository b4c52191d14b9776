import { z } from 'zod';
import { NumberDigitsSchema } from '@/lib/numbers/number-input';
import { SimClockSchema } from './clock';

/** Who calls when the tester does not say: a number from Ofcom's drama range, like the demo line's. */
export const DEFAULT_CALLER = '447700900999';
/** The number a test of a flow dials when the tester does not say (the demo line). */
export const DEFAULT_CALLED = '447700900000';

/**
 * POST /api/simulator/calls. A number alone is called as Vonage would route it (its live version); a flow
 * runs its draft (a snapshot taken now) or its latest published version, dialled on `to`.
 */
export const StartCallRequestSchema = z
  .object({
    flowId: z.string().min(1, 'Give the flow id').optional(),
    to: NumberDigitsSchema.optional(),
    from: z.string().trim().min(1, 'Give the caller: a number, or an app user name').max(100, 'At most 100 characters').default(DEFAULT_CALLER),
    version: z.enum(['draft', 'live'], { error: 'version is draft or live' }).optional(),
    /** Pretend the call happens then (business hours see it); the real time when absent. */
    clock: SimClockSchema.nullable().default(null),
    /** Let inputs, recordings and ringing time out by themselves, as on a real line. */
    realTime: z.boolean().default(false),
  })
  .refine((v) => v.flowId !== undefined || v.to !== undefined, { path: ['to'], message: 'Give the number to call, or the flow to test (flowId)' })
  .refine((v) => v.version !== 'draft' || v.flowId !== undefined, { path: ['version'], message: 'A draft belongs to a flow: give flowId' });
export type StartCallRequest = z.infer<typeof StartCallRequestSchema>;
