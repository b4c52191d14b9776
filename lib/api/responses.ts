import { z } from 'zod';
import { ConfirmationSchema } from '@/lib/publish/confirmation';
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
  /** No valid session cookie or API token. */
  'unauthorized',
  /** Signed in, but the role does not allow this. */
  'forbidden',
  /** A browser mutation whose Origin is missing or not Switchboard's own (cross-site request forgery). */
  'bad_origin',
  /** Signed in with a temporary password: only changing it (or signing out) is allowed. */
  'password_change_required',
  /** Only a signed-in browser may do this, not an API token. */
  'session_required',
  /** Wrong email or password. */
  'invalid_credentials',
  /** Too many failed sign-ins; `retryAfter` says when to try again. */
  'rate_limited',
  /** First-run setup was already done. */
  'setup_complete',
  'email_taken',
  /** The change would leave no enabled admin. */
  'last_admin',
  /** A feature needs settings the server does not have (e.g. Vonage credentials to play recordings). */
  'not_configured',
  /** A URL from a webhook points at a host Switchboard will not send credentials to. */
  'host_not_allowed',
  /** Vonage (or another upstream) failed or refused the request Switchboard made for you. */
  'upstream_failed',
  /** An action on a test call that has ended (lib/simulator). */
  'call_not_running',
  /** An action the test call cannot take now (keys while nothing listens…); the message says why. */
  'action_refused',
  /** Too many test calls running at once. */
  'too_many_calls',
  /** Publishing a draft with lint warnings nobody acknowledged; the issues list them. */
  'warnings_unconfirmed',
  /** Publishing a draft whose saved scenarios fail; the issues name each scenario and why. */
  'scenarios_failed',
  /** Publishing would change the Vonage application's webhooks: `confirmation` lists the numbers and changes. */
  'confirmation_required',
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
    /** On rate_limited: seconds until another attempt is allowed (also in the Retry-After header). */
    retryAfter: z.number().optional(),
    /** On confirmation_required: every number on the Vonage application, and what would change on it. */
    confirmation: ConfirmationSchema.optional(),
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
  extra?: Pick<Problem['error'], 'currentRevision' | 'retryAfter' | 'confirmation'>,
): Response {
  const body: Problem = { error: { code, message, ...(issues && { issues }), ...extra } };
  const response = json(body, status);
  if (extra?.retryAfter !== undefined) response.headers.set('retry-after', String(extra.retryAfter));
  return response;
}
