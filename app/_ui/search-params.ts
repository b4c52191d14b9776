import type { z } from 'zod';

/** A page's search params as Next hands them over. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The single-valued params only: the filter forms send each field once, and repeats are not ours. */
export async function singleParams(searchParams: Promise<SearchParams>): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * A list page's filter from its search params: the parsed filter, or the schema's defaults when the params do
 * not parse (a hand-edited or stale link still shows the list), with what was ignored worded for the page, and the raw params for
 * links that keep the filter (older pages).
 */
export async function readFilter<S extends z.ZodType>(
  schema: S,
  searchParams: Promise<SearchParams>,
): Promise<{ raw: Record<string, string>; filter: z.output<S>; ignored: string | null }> {
  const raw = await singleParams(searchParams);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { raw, filter: parsed.data, ignored: null };
  return { raw, filter: schema.parse({}), ignored: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}
