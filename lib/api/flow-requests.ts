import { z } from 'zod';
import { FlowDocumentSchema, FlowLayoutSchema } from '@/lib/flow/document';
import { FlowExportSchema } from '@/lib/flows/export-format';
import { FlowNameSchema } from '@/lib/flows/flow-name';
import type { NewFlow } from '@/lib/flows/write';

const BlankOrTemplateSchema = z
  .object({ name: FlowNameSchema, templateId: z.string().min(1, 'Choose a template').optional() })
  .transform(({ name, templateId }): NewFlow =>
    templateId === undefined ? { source: 'blank', name } : { source: 'template', name, templateId },
  );

const DocumentImportSchema = z
  .object({
    name: FlowNameSchema.default('Imported flow'),
    document: FlowDocumentSchema,
    layout: FlowLayoutSchema.default({}),
  })
  .transform((body): NewFlow => ({ source: 'import', ...body }));

const ExportImportSchema = FlowExportSchema.transform(
  ({ name, document, layout }): NewFlow => ({ source: 'import', name, document, layout }),
);

/**
 * POST /api/flows takes three shapes: `{ name, templateId? }`, `{ name?, document, layout? }`, or a whole
 * export file. The shape is picked by its keys first so that errors speak about the shape meant, rather
 * than a union's "none of these matched".
 */
export function newFlowRequestSchema(body: unknown): z.ZodType<NewFlow> {
  const has = (key: string) => typeof body === 'object' && body !== null && Object.hasOwn(body, key);
  if (has('format')) return ExportImportSchema;
  if (has('document')) return DocumentImportSchema;
  return BlankOrTemplateSchema;
}

/** PUT /api/flows/:id: the revision the client loaded, plus whatever it changed. */
export const UpdateFlowRequestSchema = z.object({
  revision: z.number({ error: 'revision (the revision you loaded) is required' }).int().positive(),
  name: FlowNameSchema.optional(),
  document: FlowDocumentSchema.optional(),
  layout: FlowLayoutSchema.optional(),
});
