import { z } from 'zod';
import { FlowDocumentSchema, FlowLayoutSchema, type FlowDocument, type FlowLayout } from '@/lib/flow/document';
import { zodIssues, type Issue } from '@/lib/api/issues';
import { FlowNameSchema } from './flow-name';

export const EXPORT_FORMAT = 'switchboard.flow';
export const EXPORT_VERSION = 1;

/** Checked first, so a file that is not an export at all gets one clear message instead of a dozen. */
const ExportHeaderSchema = z
  .object(
    {
      format: z.literal(EXPORT_FORMAT, {
        error: `Not a Switchboard flow export: "format" must be "${EXPORT_FORMAT}"`,
      }),
      version: z.literal(EXPORT_VERSION, {
        error: (issue) =>
          issue.input === undefined
            ? '"version" is missing'
            : `Unsupported version ${JSON.stringify(issue.input)}: this Switchboard reads version ${EXPORT_VERSION}`,
      }),
    },
    { error: `Not a Switchboard flow export: expected a JSON object with "format": "${EXPORT_FORMAT}"` },
  )
  .loose();

/** The download/import file: `{ format, version, name, document, layout }`. */
export const FlowExportSchema = ExportHeaderSchema.pipe(
  z.object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    name: FlowNameSchema,
    document: FlowDocumentSchema,
    // Positions are a convenience: a hand-written file without them still imports.
    layout: FlowLayoutSchema.default({}),
  }),
);

export type FlowExport = z.infer<typeof FlowExportSchema>;

export type ParseExportResult = { ok: true; flow: FlowExport } | { ok: false; issues: Issue[] };

/** Validates an uploaded export; issues name the path of each problem (`document.nodes.2.kind`). */
export function parseFlowExport(value: unknown): ParseExportResult {
  const result = FlowExportSchema.safeParse(value);
  return result.success ? { ok: true, flow: result.data } : { ok: false, issues: zodIssues(result.error) };
}

export function toFlowExport(flow: { name: string; document: FlowDocument; layout: FlowLayout }): FlowExport {
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, name: flow.name, document: flow.document, layout: flow.layout };
}

/** A safe download name from the flow's name: "Support line (UK)" → "support-line-uk.json". */
export function exportFileName(name: string): string {
  const slug = name
    // Accents come off Latin letters only (Café → cafe); other scripts keep their marks (ぶ stays ぶ).
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${slug || 'flow'}.json`;
}
