import { SalesforceApiError, recordError, type RecordError } from '../errors.js';
import { normalizeId } from '../salesforce-ids.js';
import type { FieldDefinition, FieldValue, ObjectDefinition } from '../schema/object-schema.js';
import type { RecordStore } from '../store/record-store.js';
import { coerceFieldValue } from './field-values.js';

export type WriteMode = 'create' | 'update';

export interface PreparedInput {
  /** Field values the request sets, by canonical field name. */
  assignments: Map<string, FieldValue>;
  errors: RecordError[];
}

/** Whether a JSON value is a plain object (a relationship set by external id: `"Account": {"Cosell_Id__c": "x"}`). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a request's record body into field assignments, as the API does: field names are case-insensitive,
 * `attributes` is ignored, an unknown field fails the request (INVALID_FIELD), read-only fields and values the
 * field refuses fail the record. A relationship name with `{ externalIdField: value }` sets the reference to the
 * parent found by that external id.
 */
export function prepareInput(
  store: RecordStore,
  object: ObjectDefinition,
  input: Record<string, unknown>,
  mode: WriteMode,
): PreparedInput {
  const assignments = new Map<string, FieldValue>();
  const errors: RecordError[] = [];
  const readOnly: string[] = [];
  for (const [key, raw] of Object.entries(input)) {
    if (key === 'attributes') continue;
    if (key.toLowerCase() === 'id') {
      if (mode === 'create' && raw !== null && raw !== undefined && raw !== '') {
        errors.push(recordError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']));
      }
      continue;
    }
    const field = store.schema.field(object, key);
    if (!field) {
      const relationship = store.schema.relationship(object, key);
      if (relationship && isPlainObject(raw)) {
        if (!writable(relationship, mode)) readOnly.push(relationship.name);
        const resolved = resolveByExternalId(store, relationship, raw);
        if ('error' in resolved) errors.push(resolved.error);
        else assignments.set(relationship.name, resolved.id);
        continue;
      }
      throw new SalesforceApiError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${object.name}`);
    }
    if (!writable(field, mode)) {
      readOnly.push(field.name);
      continue;
    }
    const coerced = coerceFieldValue(field, raw);
    if (coerced.ok) assignments.set(field.name, coerced.value);
    else errors.push(coerced.error);
  }
  if (readOnly.length > 0) {
    errors.unshift(
      recordError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        readOnly,
      ),
    );
  }
  return { assignments, errors };
}

function writable(field: FieldDefinition, mode: WriteMode): boolean {
  return mode === 'create' ? field.createable : field.updateable;
}

function resolveByExternalId(
  store: RecordStore,
  reference: FieldDefinition,
  raw: Record<string, unknown>,
): { id: string } | { error: RecordError } {
  const parentName = reference.referenceTo[0] ?? '';
  const parent = store.schema.find(parentName);
  const keys = Object.keys(raw).filter((key) => key !== 'attributes');
  const keyName = keys[0];
  const keyField = parent && keyName !== undefined && keys.length === 1 ? store.schema.field(parent, keyName) : undefined;
  if (!parent || !keyField || !(keyField.externalId || keyField.idLookup)) {
    throw new SalesforceApiError(
      400,
      'INVALID_FIELD',
      `The relationship ${reference.relationshipName ?? reference.name} must name exactly one external ID field of ${parentName}`,
    );
  }
  const value = raw[keyField.name] ?? raw[keyName ?? ''];
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const matches = keyField.type === 'id'
    ? [store.get(normalizeId(text) ?? '')].filter((record) => record !== undefined && record.values.IsDeleted !== true)
    : store.table(parent).findBy(keyField, text);
  const [match, ...others] = matches;
  if (!match) {
    return {
      error: recordError('INVALID_FIELD', `Foreign key external ID: ${text} not found for field ${keyField.name} in entity ${parent.name}`),
    };
  }
  if (others.length > 0) {
    return {
      error: recordError(
        'INVALID_FIELD',
        `Foreign key external ID: ${text} matched more than one record for field ${keyField.name} in entity ${parent.name}`,
      ),
    };
  }
  return { id: match.id };
}
