import type { FieldDefinition, FieldValue } from '../schema/object-schema.js';
import { isDeleted, type StoredRecord } from '../store/object-table.js';
import type { RecordStore } from '../store/record-store.js';
import type { SoqlQuery } from './soql-ast.js';
import { compileQuery, type CompiledQuery, type SelectionEntry } from './soql-compiler.js';
import { SoqlError } from './soql-error.js';
import { isIdField } from './soql-fields.js';
import { parseSoql } from './soql-parser.js';

export type QueryOutcome =
  | { shape: 'records'; records: StoredRecord[] }
  | { shape: 'count'; count: number }
  | { shape: 'aggregate'; values: { name: string; count: number }[] };

export interface RunOptions {
  /** queryAll: deleted and merged records too. */
  includeDeleted: boolean;
}

/** Parses and compiles a query against the store's schema; semi-joins are run as they are compiled. */
export function prepareQuery(soql: string, store: RecordStore, now: number): CompiledQuery {
  const semiJoin = (query: SoqlQuery, field: FieldDefinition): Set<FieldValue> => {
    const inner = compileQuery(query, { store, now, semiJoin });
    const column = inner.columns[0];
    if (inner.shape !== 'records' || inner.columns.length !== 1 || !column || !isIdField(column.field) || inner.hasSubqueries) {
      throw new SoqlError('MALFORMED_QUERY', `The inner select of a semi-join on ${field.name} must select exactly one id or reference field`, query.from.offset);
    }
    const outcome = runQuery(inner, store, { includeDeleted: false });
    const values = new Set<FieldValue>();
    if (outcome.shape === 'records') for (const record of outcome.records) values.add(column.read(record));
    return values;
  };
  return compileQuery(parseSoql(soql), { store, now, semiJoin });
}

/**
 * Runs a compiled query. `ORDER BY SystemModstamp[, Id]` is served from the table's sorted index, starting at the
 * lower bound WHERE implies and stopping once LIMIT + OFFSET records matched; other orders sort the matches.
 */
export function runQuery(query: CompiledQuery, store: RecordStore, options: RunOptions): QueryOutcome {
  const table = store.table(query.object);
  const matches = (record: StoredRecord): boolean =>
    (options.includeDeleted || !isDeleted(record)) && (query.predicate === undefined || query.predicate(record));
  const wanted = query.limit === undefined ? Infinity : query.limit + (query.offset ?? 0);

  if (query.shape === 'count') {
    let count = 0;
    for (const record of table.values()) if (count < wanted && matches(record)) count += 1;
    return { shape: 'count', count: Math.max(0, count - (query.offset ?? 0)) };
  }
  if (query.shape === 'aggregate') {
    const values = query.aggregates.map((aggregate) => ({ name: aggregate.name, count: 0 }));
    for (const record of table.values()) {
      if (!matches(record)) continue;
      query.aggregates.forEach((aggregate, index) => {
        const entry = values[index];
        if (entry && (aggregate.read === undefined || aggregate.read(record) !== null)) entry.count += 1;
      });
    }
    return { shape: 'aggregate', values };
  }

  const found: StoredRecord[] = [];
  const sortAfter = query.comparator !== undefined && !query.modstampOrder;
  if (query.modstampOrder) {
    const sorted = table.byModstamp();
    for (let i = firstAtOrAfter(sorted, query.modstampFrom); i < sorted.length && found.length < wanted; i += 1) {
      const record = sorted[i];
      if (record && matches(record)) found.push(record);
    }
  } else {
    for (const record of table.values()) {
      if (!sortAfter && found.length >= wanted) break;
      if (matches(record)) found.push(record);
    }
  }
  if (sortAfter && query.comparator) found.sort(query.comparator);
  const start = query.offset ?? 0;
  return { shape: 'records', records: start === 0 && found.length <= wanted ? found : found.slice(start, wanted) };
}

/** The children a subquery returns for one parent record, filtered, ordered and limited as it says. */
export function childRecords(
  store: RecordStore,
  entry: Extract<SelectionEntry, { kind: 'subquery' }>,
  parent: StoredRecord,
): StoredRecord[] {
  const query = entry.query;
  let children = store.table(query.object).findBy(entry.parentField, parent.id);
  if (query.predicate) children = children.filter(query.predicate);
  children.sort(query.comparator ?? ((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  const start = query.offset ?? 0;
  return children.slice(start, query.limit === undefined ? undefined : start + query.limit);
}

/** Index of the first record whose SystemModstamp is at or after `from` (binary search). */
function firstAtOrAfter(sorted: readonly StoredRecord[], from: string | undefined): number {
  if (from === undefined) return 0;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const stamp = String(sorted[middle]?.values.SystemModstamp ?? '');
    if (stamp < from) low = middle + 1;
    else high = middle;
  }
  return low;
}
