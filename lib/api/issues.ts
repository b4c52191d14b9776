import { z } from 'zod';

/**
 * One thing wrong with some input, at a dot path into it ('' for the input as a whole). Problems in a flow
 * document also name the node, so the editor can outline it.
 */
export const IssueSchema = z.object({ path: z.string(), nodeId: z.string().optional(), message: z.string() });
export type Issue = z.infer<typeof IssueSchema>;

/** Flattens zod's issues into dot paths a person (or a form) can point at: `document.nodes.2.kind`. */
export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** One line per issue: `document.nodes.2.kind: Unknown node kind "foo"`. */
export function formatIssue(issue: Issue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}
