import type { FieldDefinition, FieldValue, ObjectDefinition } from '../schema/object-schema.js';
import type { SchemaRegistry } from '../schema/schema-registry.js';
import type { StoredRecord } from '../store/object-table.js';
import type { RecordStore } from '../store/record-store.js';
import type { FieldPath } from './soql-ast.js';
import { SoqlError, unknownFieldMessage, unknownRelationshipMessage } from './soql-error.js';

/** A field path checked against the schema: the reference fields to walk, then the field to read. */
export interface ResolvedPath {
  /** Reference fields walked from the queried object (Opportunity.AccountId, then Account.OwnerId). */
  hops: FieldDefinition[];
  field: FieldDefinition;
  /** Canonical names: relationship names then the field name (`Account.Owner.Email`). */
  canonical: string[];
  offset: number;
}

/**
 * Resolves `Account.Owner.Email` from Opportunity: each segment but the last is a relationship name, the last a
 * field. Names are case-insensitive; an alias of the FROM object may lead the path.
 */
export function resolvePath(schema: SchemaRegistry, object: ObjectDefinition, path: FieldPath, alias: string | undefined): ResolvedPath {
  let segments = path.segments;
  if (alias !== undefined && segments.length > 1 && segments[0]?.toLowerCase() === alias.toLowerCase()) segments = segments.slice(1);
  const hops: FieldDefinition[] = [];
  const canonical: string[] = [];
  let current = object;
  for (let i = 0; i < segments.length - 1; i += 1) {
    const name = segments[i] ?? '';
    const reference = schema.relationship(current, name);
    const target = reference && schema.find(reference.referenceTo[0] ?? '');
    if (!reference || !target) throw new SoqlError('INVALID_FIELD', unknownRelationshipMessage(name), path.offset);
    hops.push(reference);
    canonical.push(reference.relationshipName ?? name);
    current = target;
  }
  const last = segments[segments.length - 1] ?? '';
  const field = schema.field(current, last);
  if (!field) throw new SoqlError('INVALID_FIELD', unknownFieldMessage(last, current.name), path.offset);
  canonical.push(field.name);
  return { hops, field, canonical, offset: path.offset };
}

/** Reads a resolved path from a record, walking parent references through the store (null when a link is empty). */
export function accessor(store: RecordStore, path: ResolvedPath): (record: StoredRecord) => FieldValue {
  const name = path.field.name;
  if (path.hops.length === 0) return (record) => record.values[name] ?? null;
  const hops = path.hops.map((hop) => hop.name);
  return (record) => {
    let current: StoredRecord | undefined = record;
    for (const hop of hops) {
      const id: FieldValue | undefined = current.values[hop];
      current = typeof id === 'string' ? store.get(id) : undefined;
      if (!current) return null;
    }
    return current.values[name] ?? null;
  };
}

const TEXT_TYPES = new Set(['string', 'picklist', 'multipicklist', 'textarea', 'url', 'email', 'phone']);

export function isTextField(field: FieldDefinition): boolean {
  return TEXT_TYPES.has(field.type);
}

export function isIdField(field: FieldDefinition): boolean {
  return field.type === 'id' || field.type === 'reference';
}

export function isNumberField(field: FieldDefinition): boolean {
  return field.type === 'int' || field.type === 'double' || field.type === 'currency' || field.type === 'percent';
}

/** The type name SOQL uses in "must be of type …" messages. */
export function soqlTypeName(field: FieldDefinition): string {
  if (isTextField(field)) return 'string';
  if (isIdField(field)) return 'id';
  if (field.type === 'datetime') return 'dateTime';
  if (field.type === 'currency' || field.type === 'percent') return 'double';
  return field.type;
}

/**
 * Orders two non-null values of a field as SOQL sorts them: text case-insensitively, picklists in the order of
 * their values, numbers numerically, false before true, dates and datetimes chronologically, ids as text.
 */
export function compareValues(field: FieldDefinition, a: FieldValue, b: FieldValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const left = String(a);
  const right = String(b);
  if (field.type === 'picklist') {
    const order = (value: string): number => {
      const index = field.picklistValues.findIndex((entry) => entry.value === value);
      return index === -1 ? field.picklistValues.length : index;
    };
    const difference = order(left) - order(right);
    if (difference !== 0) return difference;
  }
  if (isTextField(field)) {
    const lowerLeft = left.toLowerCase();
    const lowerRight = right.toLowerCase();
    if (lowerLeft !== lowerRight) return lowerLeft < lowerRight ? -1 : 1;
  }
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Whether two values are equal for `=` and IN: text ignores case, everything else is exact. */
export function valuesEqual(field: FieldDefinition, a: FieldValue, b: FieldValue): boolean {
  if (a === null || b === null) return a === b;
  if (isTextField(field) && typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}
