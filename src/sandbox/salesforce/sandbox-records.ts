import { mergeRecords } from './dml/merge-records.js';
import type { SaveOutcome, WriteContext } from './dml/record-writer.js';
import { SalesforceApiError } from './errors.js';
import { projectRecord } from './record-json.js';
import type { SandboxOrg } from './sandbox-org.js';
import { normalizeId } from './salesforce-ids.js';
import type { FieldValue, ObjectDefinition } from './schema/object-schema.js';
import { SoqlError } from './soql/soql-error.js';
import { prepareQuery, runQuery } from './soql/soql-executor.js';
import { isDeleted } from './store/object-table.js';

export interface WriteOptions {
  /** The user the write runs as (default: the integration user). */
  asUserId?: string;
}

/**
 * The org's records for the process that runs the sandbox (tests, the demo, benchmarks): the same validation
 * and bookkeeping as the API, without HTTP, sessions or limits. Failures throw SalesforceApiError with the
 * API's codes. Also where merges come from: the API has no merge resource, a rep merges in the UI.
 */
export class SandboxRecords {
  private readonly org: SandboxOrg;

  constructor(org: SandboxOrg) {
    this.org = org;
  }

  create(type: string, fields: Record<string, unknown>, options: WriteOptions = {}): string {
    const object = this.object(type);
    return this.commit(options, (ctx) => this.org.writer.create(object, fields, ctx)).id;
  }

  update(type: string, id: string, fields: Record<string, unknown>, options: WriteOptions = {}): void {
    const object = this.object(type);
    this.commit(options, (ctx) => this.org.writer.update(object, id, fields, ctx));
  }

  upsert(type: string, externalIdField: string, value: string, fields: Record<string, unknown>, options: WriteOptions = {}): { id: string; created: boolean } {
    const object = this.object(type);
    const key = this.org.schema.field(object, externalIdField);
    if (!key || !(key.externalId || key.idLookup)) throw new Error(`${object.name}.${externalIdField} is not an external id field`);
    return this.commit(options, (ctx) => this.org.writer.upsert(object, key, value, fields, ctx));
  }

  delete(type: string, id: string, options: WriteOptions = {}): void {
    const object = this.object(type);
    this.commit(options, (ctx) => this.org.writer.delete(id, ctx, object));
  }

  /**
   * Merges one or two records into a master as a rep does in the UI: children move to the master, the losers are
   * deleted with MasterRecordId set, and queryAll shows them.
   */
  merge(type: string, masterId: string, loserIds: readonly string[], options: WriteOptions = {}): void {
    const object = this.object(type);
    this.org.write(options.asUserId ?? this.org.integrationUserId, (ctx) => {
      mergeRecords(this.org.store, this.org.writer, object, masterId, loserIds, ctx);
    });
  }

  /** A record's current field values (deleted records too), or undefined. */
  get(type: string, id: string): Readonly<Record<string, FieldValue>> | undefined {
    const object = this.object(type);
    const normalized = normalizeId(id);
    const record = normalized === undefined ? undefined : this.org.store.get(normalized);
    return record && record.object === object ? record.values : undefined;
  }

  /** Runs SOQL and returns the records as the API would (attributes, nested parents). */
  query(soql: string, options: { includeDeleted?: boolean } = {}): Record<string, unknown>[] {
    try {
      const query = prepareQuery(soql, this.org.store, this.org.clock.now());
      const outcome = runQuery(query, this.org.store, { includeDeleted: options.includeDeleted ?? false });
      if (outcome.shape !== 'records') throw new Error('use count() for COUNT() queries');
      return outcome.records.map((record) => projectRecord(this.org.store, record, query.selection, '62.0'));
    } catch (error) {
      if (error instanceof SoqlError) throw error.toApiError(soql);
      throw error;
    }
  }

  count(type: string, options: { includeDeleted?: boolean } = {}): number {
    const table = this.org.store.table(this.object(type));
    if (options.includeDeleted === true) return table.size;
    return table.liveCount;
  }

  /** Live record ids of an object, oldest first. */
  ids(type: string): string[] {
    const ids: string[] = [];
    for (const record of this.org.store.table(this.object(type)).values()) if (!isDeleted(record)) ids.push(record.id);
    return ids;
  }

  private object(type: string): ObjectDefinition {
    const object = this.org.schema.find(type);
    if (!object) throw new Error(`no object ${type}; known: ${this.org.schema.list().map((entry) => entry.name).join(', ')}`);
    return object;
  }

  private commit(options: WriteOptions, save: (ctx: WriteContext) => SaveOutcome): { id: string; created: boolean } {
    const outcome = this.org.write(options.asUserId ?? this.org.integrationUserId, save);
    if (!outcome.success) throw SalesforceApiError.fromRecordErrors(400, outcome.errors);
    return outcome;
  }
}
