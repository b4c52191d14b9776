/**
 * `compute(key)` run once per key object, on first use, and remembered for as long as the key lives (a
 * WeakMap). For values that never change for a key: statements per database handle, facts per compiled graph.
 */
export function oncePer<K extends object, T>(compute: (key: K) => T): (key: K) => T {
  const computed = new WeakMap<K, T>();
  return (key) => {
    let value = computed.get(key);
    if (value === undefined) {
      value = compute(key);
      computed.set(key, value);
    }
    return value;
  };
}
