import type { CompiledField, CompiledMapping } from './compiled-mapping.js';
import { TransformError } from './transforms/transform.js';

/** A field that could not be converted: the record fails with this reason (nothing half-written). */
export interface FieldConversionError {
  canonical: string;
  crm: string;
  message: string;
}

export interface Conversion<T> {
  values: T;
  errors: FieldConversionError[];
}

const reads = (field: CompiledField): boolean => field.direction === 'from-crm' || field.direction === 'both';
const writes = (field: CompiledField): boolean => field.direction === 'to-crm' || field.direction === 'both';

/** CRM fields → canonical values, for the fields the mapping reads from this CRM. */
export function fromCrm(mapping: CompiledMapping, record: Readonly<Record<string, unknown>>): Conversion<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  const errors: FieldConversionError[] = [];
  for (const field of mapping.fields) {
    if (!reads(field)) continue;
    try {
      let value: unknown = record[field.crm] ?? null;
      for (const transform of field.transforms) value = transform.toCanonical(value, record);
      values[field.canonical] = value;
    } catch (error) {
      errors.push(conversionError(field, error));
    }
  }
  return { values, errors };
}

/**
 * Canonical values → CRM fields, for the fields the mapping writes to this CRM (transforms applied in
 * reverse order). `only` limits the output to some canonical fields (a partner's sharing allowlist).
 */
export function toCrm(
  mapping: CompiledMapping,
  canonical: Readonly<Record<string, unknown>>,
  only?: ReadonlySet<string>,
): Conversion<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  const errors: FieldConversionError[] = [];
  for (const field of mapping.fields) {
    if (!writes(field) || (only && !only.has(field.canonical)) || !(field.canonical in canonical)) continue;
    try {
      const original = canonical[field.canonical] ?? null;
      let value: unknown = original;
      for (const transform of [...field.transforms].reverse()) value = transform.toCrm(value);
      values[field.crm] = value;
      for (const transform of field.transforms) Object.assign(values, transform.companionFields?.(original) ?? {});
    } catch (error) {
      errors.push(conversionError(field, error));
    }
  }
  return { values, errors };
}

function conversionError(field: CompiledField, error: unknown): FieldConversionError {
  if (!(error instanceof TransformError)) throw error;
  return { canonical: field.canonical, crm: field.crm, message: error.message };
}
