import type { z } from 'zod';
import { zodIssues } from './issues';
import { problem } from './responses';

export type ReadJsonResult<T> = { ok: true; data: T } | { ok: false; response: Response };

/**
 * Reads and validates a JSON request body: the one place a handler's input is parsed. On failure the
 * result carries the 400 response to return as is. `schema` may be chosen from the raw value when a
 * route accepts several shapes, so each shape reports its own precise issues.
 */
export async function readJson<T>(
  request: Request,
  schema: z.ZodType<T> | ((value: unknown) => z.ZodType<T>),
): Promise<ReadJsonResult<T>> {
  let value: unknown;
  try {
    value = await request.json();
  } catch {
    return { ok: false, response: problem(400, 'invalid_json', 'The request body is not valid JSON') };
  }
  const result = (typeof schema === 'function' ? schema(value) : schema).safeParse(value);
  if (!result.success) {
    const issues = zodIssues(result.error);
    return { ok: false, response: problem(400, 'invalid_request', 'The request is not valid', issues) };
  }
  return { ok: true, data: result.data };
}
