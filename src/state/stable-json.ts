/** JSON with object keys sorted and undefined members dropped: equal values always give equal text. */
export function stableJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  // Run for every record written (its content hash): one string built in place, no entry arrays.
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i === 0 ? '' : ',') + stableJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${stableJson(member)}`;
  }
  return `${out}}`;
}

/** Equal as stable JSON, without building it for the plain values most fields hold. */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || stableJson(a) === stableJson(b);
}
