import { z } from 'zod';
import type { Ncco } from '@/lib/ncco';
import { RUNTIME_ERROR_CODES, type TraceStep } from '@/lib/runtime/engine';

// The engine's trace is a TypeScript union produced by our own server; the client only needs to know it got steps.
const TraceSchema = z.array(z.custom<TraceStep>((v) => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string'));

/**
 * What the NCCO preview answers for one node and sample call. Parsed by the editor as well, since a
 * proxy may answer instead of Switchboard.
 */
export const PreviewResultSchema = z.union([
  z.object({
    ok: z.literal(true),
    // Shown as is, valid or not: when it is not, `issues` says why.
    ncco: z.custom<Ncco>((v) => Array.isArray(v)),
    valid: z.boolean(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
    trace: TraceSchema,
  }),
  z.object({
    ok: z.literal(false),
    reason: z.literal('invalid_flow'),
    problems: z.array(z.object({ nodeId: z.string().nullable(), message: z.string() })),
  }),
  z.object({
    ok: z.literal(false),
    reason: z.literal('runtime_error'),
    code: z.enum(RUNTIME_ERROR_CODES),
    message: z.string(),
    nodeId: z.string().nullable(),
    trace: TraceSchema,
  }),
]);
export type PreviewResult = z.infer<typeof PreviewResultSchema>;
