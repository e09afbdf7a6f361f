import { recordError, type RecordError } from '../errors.js';
import { formatDateTime } from '../salesforce-dates.js';
import { keyPrefixOf, normalizeId, type IdGenerator } from '../salesforce-ids.js';
import type { FieldDefinition, FieldValue, ObjectDefinition } from '../schema/object-schema.js';
import { isDeleted, type StoredRecord } from '../store/object-table.js';
import type { RecordStore } from '../store/record-store.js';
import { applyDerivedFields } from './derived-fields.js';
import { prepareInput, type WriteMode } from './prepare-input.js';
import type { Transaction } from './transaction.js';

export interface WriteContext {
  /** The user the request runs as (CreatedById, LastModifiedById, default OwnerId). */
  userId: string;
  /** The transaction's time in epoch ms, whole seconds: every record of one request gets the same stamps. */
  now: number;
  tx: Transaction;
  /** Seed loading only, as with the "Set Audit Fields upon Record Creation" permission. */
  audit?: { createdDate?: number; lastModifiedDate?: number; createdById?: string };
}

export type SaveOutcome =
  | { success: true; id: string; created: boolean }
  | { success: false; id: string | undefined; errors: RecordError[]; matches?: string[] };

const failure = (errors: RecordError[], id?: string, matches?: string[]): SaveOutcome =>
  matches === undefined ? { success: false, id, errors } : { success: false, id, errors, matches };

/**
 * Creates, updates, upserts and deletes records with the platform's validation, in stages as the API reports
 * them: field values and writability, then required fields, then references, then uniqueness.
 */
export class RecordWriter {
  private readonly store: RecordStore;
  private readonly ids: IdGenerator;

  constructor(store: RecordStore, ids: IdGenerator) {
    this.store = store;
    this.ids = ids;
  }

  create(object: ObjectDefinition, input: Record<string, unknown>, ctx: WriteContext): SaveOutcome {
    if (!object.createable) return failure([recordError('INVALID_TYPE_FOR_OPERATION', `entity type ${object.name} does not support create`)]);
    const prepared = prepareInput(this.store, object, input, 'create');
    if (prepared.errors.length > 0) return failure(prepared.errors);
    const values: Record<string, FieldValue> = {};
    for (const field of object.fields) values[field.name] = field.defaultedOnCreate ? field.defaultValue : null;
    if (object.fields.some((field) => field.name === 'OwnerId')) values.OwnerId = ctx.userId;
    for (const [name, value] of prepared.assignments) values[name] = value;
    const problems = this.check(object, values, new Set(prepared.assignments.keys()), 'create', undefined);
    if (problems.length > 0) return failure(problems);
    const id = this.ids.next(object.keyPrefix);
    const created = ctx.audit?.createdDate ?? ctx.now;
    values.Id = id;
    values.IsDeleted = false;
    values.CreatedDate = formatDateTime(created);
    values.CreatedById = ctx.audit?.createdById ?? ctx.userId;
    values.LastModifiedDate = formatDateTime(ctx.audit?.lastModifiedDate ?? created);
    values.LastModifiedById = ctx.audit?.createdById ?? ctx.userId;
    values.SystemModstamp = formatDateTime(ctx.now);
    applyDerivedFields(object.name, values, new Set(prepared.assignments.keys()));
    this.save(object, id, values, ctx);
    return { success: true, id, created: true };
  }

  update(object: ObjectDefinition, rawId: string, input: Record<string, unknown>, ctx: WriteContext): SaveOutcome {
    const found = this.locate(object, rawId);
    if ('errors' in found) return found;
    const prepared = prepareInput(this.store, object, input, 'update');
    if (prepared.errors.length > 0) return failure(prepared.errors, found.record.id);
    return this.applyUpdate(found.record, prepared.assignments, ctx);
  }

  /**
   * Upsert by an external id: creates when no live record has the value, updates the one that has it, and
   * refuses when several have it (the single-record route answers 300 with `matches`).
   */
  upsert(
    object: ObjectDefinition,
    keyField: FieldDefinition,
    keyValue: string,
    input: Record<string, unknown>,
    ctx: WriteContext,
  ): SaveOutcome {
    const matches = this.store.table(object).findBy(keyField, keyValue);
    const [match, ...others] = matches;
    if (others.length > 0) {
      const ids = matches.map((record) => record.id);
      return failure(
        [recordError('DUPLICATE_EXTERNAL_ID', `more than one record found for external id field: [${ids.join(', ')}]`, [keyField.name])],
        undefined,
        ids,
      );
    }
    const body = withoutKey(input, keyField.name);
    if (!match) return this.create(object, { ...body, [keyField.name]: keyValue }, ctx);
    const prepared = prepareInput(this.store, object, body, 'update');
    if (prepared.errors.length > 0) return failure(prepared.errors, match.id);
    const outcome = this.applyUpdate(match, prepared.assignments, ctx);
    return outcome.success ? { success: true, id: outcome.id, created: false } : outcome;
  }

  /** Moves a record to the recycle bin (IsDeleted), and the records that cascade from it. */
  delete(rawId: string, ctx: WriteContext, expected?: ObjectDefinition): SaveOutcome {
    const found = this.locate(expected, rawId);
    if ('errors' in found) return found;
    const object = found.record.object;
    if (!object.deletable) {
      return failure([recordError('INVALID_TYPE_FOR_OPERATION', `entity type ${object.name} cannot be deleted`)], found.record.id);
    }
    this.markDeleted(found.record, ctx, null);
    return { success: true, id: found.record.id, created: false };
  }

  /** Marks a record deleted (optionally as merged into `masterId`) and cascades to dependent children. */
  markDeleted(record: StoredRecord, ctx: WriteContext, masterId: string | null): void {
    const values: Record<string, FieldValue> = { ...record.values, IsDeleted: true };
    if (masterId !== null) values.MasterRecordId = masterId;
    this.stamp(values, ctx);
    this.save(record.object, record.id, values, ctx);
    for (const child of this.store.schema.childRelationships(record.object)) {
      if (!child.field.cascadeDelete) continue;
      for (const dependent of this.store.table(child.childObject).findBy(child.field, record.id)) {
        this.markDeleted(dependent, ctx, null);
      }
    }
  }

  /** Writes field values on a live record as the platform would (merge re-parenting uses it). */
  applyUpdate(record: StoredRecord, assignments: ReadonlyMap<string, FieldValue>, ctx: WriteContext): SaveOutcome {
    const values: Record<string, FieldValue> = { ...record.values };
    for (const [name, value] of assignments) values[name] = value;
    const problems = this.check(record.object, values, new Set(assignments.keys()), 'update', record.id);
    if (problems.length > 0) return failure(problems, record.id);
    this.stamp(values, ctx);
    applyDerivedFields(record.object.name, values, new Set(assignments.keys()));
    this.save(record.object, record.id, values, ctx);
    return { success: true, id: record.id, created: false };
  }

  /** Finds a live record by an id given in either form, with the API's errors for a bad one. */
  locate(
    expected: ObjectDefinition | undefined,
    rawId: string,
  ): { record: StoredRecord } | Extract<SaveOutcome, { success: false }> {
    const id = normalizeId(rawId);
    if (id === undefined) return { success: false, id: undefined, errors: [recordError('MALFORMED_ID', `malformed id ${rawId}`)] };
    if (expected && keyPrefixOf(id) !== expected.keyPrefix) {
      return {
        success: false,
        id: undefined,
        errors: [recordError('MALFORMED_ID', `${expected.label} ID: id value of incorrect type: ${rawId}`, ['Id'])],
      };
    }
    const record = this.store.get(id);
    if (!record) return { success: false, id: undefined, errors: [recordError('NOT_FOUND', 'The requested resource does not exist')] };
    if (isDeleted(record)) return { success: false, id, errors: [recordError('ENTITY_IS_DELETED', 'entity is deleted')] };
    return { record };
  }

  private check(
    object: ObjectDefinition,
    values: Record<string, FieldValue>,
    assigned: ReadonlySet<string>,
    mode: WriteMode,
    selfId: string | undefined,
  ): RecordError[] {
    const missing = object.fields
      .filter((field) => !field.nillable && (mode === 'create' ? field.createable && !field.defaultedOnCreate : assigned.has(field.name)))
      .filter((field) => values[field.name] === null || values[field.name] === undefined)
      .map((field) => field.name);
    if (missing.length > 0) {
      return [recordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing)];
    }
    const references: RecordError[] = [];
    for (const name of assigned) {
      const field = object.fields.find((candidate) => candidate.name === name);
      const value = values[name];
      if (field?.type !== 'reference' || typeof value !== 'string') continue;
      const target = this.store.schema.find(field.referenceTo[0] ?? '');
      if (!target || keyPrefixOf(value) !== target.keyPrefix) {
        references.push(recordError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${value}`, [field.name]));
        continue;
      }
      const parent = this.store.get(value);
      if (!parent) references.push(recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]));
      else if (isDeleted(parent)) references.push(recordError('ENTITY_IS_DELETED', 'entity is deleted', [field.name]));
    }
    if (references.length > 0) return references;
    const duplicates: RecordError[] = [];
    for (const field of object.fields) {
      if (!field.unique || !assigned.has(field.name) || values[field.name] === null) continue;
      const other = this.store.table(object).findBy(field, values[field.name] ?? null).find((record) => record.id !== selfId);
      if (other) {
        duplicates.push(recordError('DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${other.id}`));
      }
    }
    return duplicates;
  }

  private stamp(values: Record<string, FieldValue>, ctx: WriteContext): void {
    const now = formatDateTime(ctx.now);
    values.LastModifiedDate = now;
    values.LastModifiedById = ctx.userId;
    values.SystemModstamp = now;
  }

  private save(object: ObjectDefinition, id: string, values: Record<string, FieldValue>, ctx: WriteContext): void {
    const table = this.store.table(object);
    ctx.tx.remember(table, id);
    table.put({ object, id, values });
  }
}

function withoutKey(input: Record<string, unknown>, name: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (key.toLowerCase() !== name.toLowerCase()) copy[key] = value;
  return copy;
}
