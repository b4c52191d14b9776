/**
 * Sets `record[key]` as an own field whatever the key. Assigning `__proto__` would set the object's prototype
 * instead, and node ids, variable names and query fields may be spelled so; an object literal's computed key,
 * JSON.parse and Object.fromEntries define it as a field like any other.
 */
export function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
