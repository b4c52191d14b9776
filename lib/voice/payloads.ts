import { z } from 'zod';
import { queryFields, queryOf } from '@/lib/net/query-string';

/**
 * What the answer webhook carries (reference.md §2): as a GET query or a POST JSON body. Loose, because
 * Vonage adds fields over time; `from` may be a user name for app calls.
 */
export const AnswerPayloadSchema = z.looseObject({
  to: z.string().min(1, 'to is missing'),
  from: z.string().default(''),
  uuid: z.string().min(1, 'uuid is missing'),
  conversation_uuid: z.string().default(''),
});
export type AnswerPayload = z.infer<typeof AnswerPayloadSchema>;

/** The two fields Vonage adds when it sends a failed request to the fallback URL (reference.md §2). */
export const FallbackExtrasSchema = z.looseObject({
  reason: z.string().optional(),
  original_request: z.looseObject({ url: z.string(), type: z.string().optional() }).optional(),
});

/** What a webhook was sent, as stored raw: a GET's query string, else the body as received. */
export function rawPayload(method: string, url: string, rawBody: string): string {
  return method === 'GET' ? queryOf(url) : rawBody;
}

/** Reads a webhook body: a GET's query parameters, else the JSON body; null when it is not JSON. */
export function webhookFields(method: string, url: string, rawBody: string): Record<string, unknown> | null {
  if (method === 'GET' || method === 'HEAD') return queryFields(queryOf(url));
  if (rawBody.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(rawBody);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
