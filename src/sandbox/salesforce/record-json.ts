import type { ObjectDefinition } from './schema/object-schema.js';
import type { SelectionEntry } from './soql/soql-compiler.js';
import { childRecords } from './soql/soql-executor.js';
import type { StoredRecord } from './store/object-table.js';
import type { RecordStore } from './store/record-store.js';

/** The `attributes` every record carries in REST responses. */
export function recordAttributes(object: ObjectDefinition, id: string, version: string): { type: string; url: string } {
  return { type: object.name, url: `/services/data/v${version}/sobjects/${object.name}/${id}` };
}

/** A record as `GET /sobjects/{type}/{id}` returns it: attributes, then every field (or the named ones) in describe order. */
export function fullRecordJson(record: StoredRecord, version: string, only?: ReadonlySet<string>): Record<string, unknown> {
  const json: Record<string, unknown> = { attributes: recordAttributes(record.object, record.id, version) };
  for (const field of record.object.fields) {
    if (only && !only.has(field.name)) continue;
    json[field.name] = record.values[field.name] ?? null;
  }
  return json;
}

/**
 * A query result record: attributes, then what SELECT named in its order — parent records as nested objects
 * (or null when the reference is empty), child subqueries as nested query results (or null when empty).
 */
export function projectRecord(
  store: RecordStore,
  record: StoredRecord,
  selection: readonly SelectionEntry[],
  version: string,
): Record<string, unknown> {
  const json: Record<string, unknown> = { attributes: recordAttributes(record.object, record.id, version) };
  for (const entry of selection) {
    if (entry.kind === 'field') {
      json[entry.name] = record.values[entry.name] ?? null;
    } else if (entry.kind === 'relation') {
      const parentId = record.values[entry.reference];
      const parent = typeof parentId === 'string' ? store.get(parentId) : undefined;
      json[entry.name] = parent ? projectRecord(store, parent, entry.selection, version) : null;
    } else {
      const children = childRecords(store, entry, record);
      json[entry.name] =
        children.length === 0
          ? null
          : {
              totalSize: children.length,
              done: true,
              records: children.map((child) => projectRecord(store, child, entry.query.selection, version)),
            };
    }
  }
  return json;
}
