import type { z } from 'zod';

/**
 * A draft's node data as the editor may hold it: any field can be missing while the user is still
 * filling it in. Functions that read draft data (outputs, summaries) take this type, so the type checker
 * makes them cope with gaps; the strict schema decides validity.
 */
export type Loose<T> = T extends readonly (infer U)[]
  ? readonly Loose<U>[] | undefined
  : T extends object
    ? { readonly [K in keyof T]?: Loose<T[K]> }
    : T | undefined;

export type LooseData<S extends z.ZodType> = Loose<z.infer<S>>;

/** Reads an array-valued draft field, treating anything that is not an array as empty. */
export function list<T>(value: readonly T[] | undefined): readonly T[] {
  // Drafts come from users and API clients, so the declared type is a hope, not a guarantee.
  return Array.isArray(value) ? value : [];
}

/** Reads a string-valued draft field, treating anything that is not a string as empty. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
