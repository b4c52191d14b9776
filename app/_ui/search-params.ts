/** A page's search params as Next hands them over. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The single-valued params only: the filter forms send each field once, and repeats are not ours. */
export async function singleParams(searchParams: Promise<SearchParams>): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
