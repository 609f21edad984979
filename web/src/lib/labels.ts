/** A label for every key of a closed set (e.g. translated enum values), looked up once. */
export function labelTable<K extends string>(
  keys: readonly K[],
  label: (key: K) => string,
): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, label(k)])) as Record<K, string>;
}
