import { z } from 'zod';
import { FlowDocumentSchema } from '@/lib/flow/document';
import { VariableNameSchema } from '@/lib/flow/variables';

export const MAX_PREVIEW_VARS = 50;

/** A sample phone number, or a user name (app calls); the engine only fills templates with it. */
const Party = z.string().trim().min(1, 'Give a number').max(100, 'At most 100 characters');

/** POST /api/flows/:id/preview: the node to preview from and the sample call. */
export const PreviewRequestSchema = z.object({
  nodeId: z.string().min(1, 'Choose the node to preview from'),
  from: Party.default('447700900999'),
  to: Party.default('447700900000'),
  /** When the sample call arrives; decides Business hours. Now when absent. */
  at: z.iso.datetime({ offset: true, error: 'Use an ISO date-time such as 2026-03-10T10:15:00Z' }).optional(),
  vars: z
    .record(VariableNameSchema, z.string().max(1000, 'Keep a value under 1,000 characters'))
    .refine((vars) => Object.keys(vars).length <= MAX_PREVIEW_VARS, `At most ${MAX_PREVIEW_VARS} variables`)
    .default({}),
  /** The editor's current draft, so unsaved edits show; the saved draft when absent. */
  document: FlowDocumentSchema.optional(),
});
export type PreviewRequest = z.input<typeof PreviewRequestSchema>;
