import { z } from 'zod';
import { IssueSchema, type Issue } from './issues';

export const PROBLEM_CODES = [
  'invalid_json',
  'invalid_request',
  'not_found',
  'stale_revision',
  /** DELETE of a flow that a number still routes to. */
  'flow_in_use',
  /** Publishing a draft that has errors; the issues name each node and field. */
  'flow_invalid',
  /** POST of a number that is already configured. */
  'number_exists',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Every error response's body. Clients parse it with this schema, so a proxy's HTML error page is told apart. */
export const ProblemSchema = z.object({
  error: z.object({
    code: z.enum(PROBLEM_CODES),
    message: z.string(),
    issues: z.array(IssueSchema).optional(),
    /** On stale_revision: the revision to reload. */
    currentRevision: z.number().optional(),
  }),
});
export type Problem = z.infer<typeof ProblemSchema>;

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status });
}

export function problem(
  status: number,
  code: ProblemCode,
  message: string,
  issues?: Issue[],
  extra?: Pick<Problem['error'], 'currentRevision'>,
): Response {
  const body: Problem = { error: { code, message, ...(issues && { issues }), ...extra } };
  return json(body, status);
}
