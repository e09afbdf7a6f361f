/** JSON with object keys sorted and undefined members dropped: equal values always give equal text. */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/** Equal as stable JSON, without building it for the plain values most fields hold. */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || stableJson(a) === stableJson(b);
}
