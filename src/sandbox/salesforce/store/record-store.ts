import { keyPrefixOf } from '../salesforce-ids.js';
import type { ObjectDefinition } from '../schema/object-schema.js';
import type { SchemaRegistry } from '../schema/schema-registry.js';
import { ObjectTable, type StoredRecord } from './object-table.js';

/** Every object's table, and records found by id alone (the key prefix names the object). */
export class RecordStore {
  readonly schema: SchemaRegistry;
  private readonly tables = new Map<string, ObjectTable>();

  constructor(schema: SchemaRegistry) {
    this.schema = schema;
  }

  table(definition: ObjectDefinition): ObjectTable {
    const key = definition.name.toLowerCase();
    let table = this.tables.get(key);
    if (!table) {
      table = new ObjectTable(definition);
      this.tables.set(key, table);
    }
    return table;
  }

  /** The current version of any record, deleted or not. */
  get(id: string): StoredRecord | undefined {
    const definition = this.schema.byKeyPrefix(keyPrefixOf(id));
    return definition ? this.tables.get(definition.name.toLowerCase())?.get(id) : undefined;
  }
}
