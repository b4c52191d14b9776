/** A value as it arrives through JSON: Dates become ISO strings, everything else keeps its shape. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** A value exactly as a JSON response would deliver it, for pages that hand server data to client state shared with API answers. */
export function toWire<T>(value: T): Wire<T> {
  return JSON.parse(JSON.stringify(value)) as Wire<T>;
}
