import { isBlank, TransformError, type Transform } from './transform.js';

export interface ValueMapOptions {
  /** CRM value → canonical value. */
  map: Readonly<Record<string, string>>;
  /** Canonical value → CRM value, where several CRM values share one canonical value. */
  reverse?: Readonly<Record<string, string>>;
}

/**
 * Picklists and deal stages: CRM values to canonical values and back. A value outside the map is an
 * error (it names the value and the allowed ones), never passed through silently to a restricted picklist.
 */
export function valueMap(options: ValueMapOptions): Transform {
  const reverse = new Map<string, string>();
  for (const [crm, canonical] of Object.entries(options.map)) if (!reverse.has(canonical)) reverse.set(canonical, crm);
  for (const [canonical, crm] of Object.entries(options.reverse ?? {})) reverse.set(canonical, crm);
  const crmValues = Object.keys(options.map);
  return {
    name: 'valueMap',
    writesValues: [...new Set(reverse.values())],
    toCanonical: (value) => {
      if (isBlank(value)) return null;
      const mapped = typeof value === 'string' ? options.map[value.trim()] : undefined;
      if (mapped === undefined) throw new TransformError('valueMap', value, `one of ${crmValues.join(' | ')}`);
      return mapped;
    },
    toCrm: (value) => {
      if (isBlank(value)) return null;
      const mapped = typeof value === 'string' ? reverse.get(value) : undefined;
      if (mapped === undefined) throw new TransformError('valueMap', value, `one of ${[...reverse.keys()].join(' | ')}`);
      return mapped;
    },
  };
}

/** Canonical values reached by more than one CRM value and given no `reverse` entry (ambiguous to write). */
export function ambiguousReverse(options: ValueMapOptions): string[] {
  const counts = new Map<string, number>();
  for (const canonical of Object.values(options.map)) counts.set(canonical, (counts.get(canonical) ?? 0) + 1);
  return [...counts].filter(([canonical, n]) => n > 1 && options.reverse?.[canonical] === undefined).map(([c]) => c);
}
