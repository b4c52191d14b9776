import { z } from 'zod';
import { FlowDocumentSchema, FlowLayoutSchema } from '@/lib/flow/document';

/** A published snapshot as loaded from storage; every row passes through this schema once. */
export const StoredVersionSchema = z.object({
  id: z.string(),
  flowId: z.string(),
  number: z.number().int().positive(),
  document: FlowDocumentSchema,
  layout: FlowLayoutSchema,
  note: z.string(),
  createdAt: z.date(),
  authorId: z.string().nullable(),
  authorName: z.string(),
});

export type FlowVersion = z.infer<typeof StoredVersionSchema>;

/** Who published a version: the user (null for scripts and versions made before accounts) and their name then. */
export type VersionAuthor = { id: string | null; name: string };

/** What a version list shows: which one, when, who and why, without the document. */
export type VersionSummary = Pick<FlowVersion, 'id' | 'number' | 'note' | 'createdAt' | 'authorName'>;

/** Parses a stored row; a row that fails is corrupt storage, not user input, so this throws. */
export function toVersion(row: unknown): FlowVersion {
  return StoredVersionSchema.parse(row);
}

export function toVersionSummary({ id, number, note, createdAt, authorName }: VersionSummary): VersionSummary {
  return { id, number, note, createdAt, authorName };
}
