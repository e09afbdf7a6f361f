import type { SandboxClock } from '../sandbox-clock.js';
import { defaultProperties, type ObjectType, type PropertyDefinition } from './property-catalog.js';

/** One CRM object as the sandbox keeps it: every property value is text, as in HubSpot. */
export interface StoredObject {
  id: number;
  type: ObjectType;
  properties: Map<string, string>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt: number | undefined;
  mergedIds: number[];
}

/** Position in the modification order: by update time, then id. */
const before = (a: StoredObject, updatedAt: number, id: number): boolean => a.updatedAt < updatedAt || (a.updatedAt === updatedAt && a.id < id);

/**
 * The records of one object type, indexed for what the API needs quickly: by id, by unique property
 * value, in creation order (list paging by `after`), and in modification order (incremental search on
 * hs_lastmodifieddate). Creation appends; an update moves one entry in the modification order.
 */
/** A change a webhook subscription can report: a record created, properties changed, archived. */
export type StoreChange =
  | { kind: 'creation'; record: StoredObject }
  | { kind: 'propertyChange'; record: StoredObject; properties: [string, string | null][] }
  | { kind: 'deletion'; record: StoredObject };

export class ObjectTypeStore {
  readonly type: ObjectType;
  /** Told of every change (the portal's webhook sender listens). */
  onChange: ((change: StoreChange) => void) | undefined;
  readonly definitions = new Map<string, PropertyDefinition>();
  readonly #byId = new Map<number, StoredObject>();
  readonly #creationOrder: StoredObject[] = [];
  readonly #modificationOrder: StoredObject[] = [];
  readonly #unique = new Map<string, Map<string, number>>();

  constructor(type: ObjectType) {
    this.type = type;
    for (const definition of defaultProperties(type)) this.addProperty(definition);
  }

  addProperty(definition: PropertyDefinition): void {
    this.definitions.set(definition.name, definition);
    if (definition.hasUniqueValue && !this.#unique.has(definition.name)) {
      const index = new Map<string, number>();
      for (const record of this.#byId.values()) {
        const value = record.properties.get(definition.name);
        if (value !== undefined && !record.archived) index.set(value, record.id);
      }
      this.#unique.set(definition.name, index);
    }
  }

  get size(): number {
    return this.#byId.size;
  }

  get(id: number): StoredObject | undefined {
    return this.#byId.get(id);
  }

  /** The live record whose unique property `name` has `value`. */
  getByUnique(name: string, value: string): StoredObject | undefined {
    const id = this.#unique.get(name)?.get(value);
    return id === undefined ? undefined : this.#byId.get(id);
  }

  isUnique(name: string): boolean {
    return this.#unique.has(name);
  }

  create(id: number, values: ReadonlyMap<string, string | null>, clock: SandboxClock): StoredObject {
    const now = clock.now();
    const record: StoredObject = { id, type: this.type, properties: new Map(), createdAt: now, updatedAt: now, archived: false, archivedAt: undefined, mergedIds: [] };
    this.#apply(record, values);
    this.#stamp(record);
    this.#byId.set(id, record);
    this.#creationOrder.push(record);
    this.#insertModified(record);
    this.onChange?.({ kind: 'creation', record });
    return record;
  }

  /** Sets properties and the modification time; returns false when nothing changed (HubSpot keeps the time then). */
  update(record: StoredObject, values: ReadonlyMap<string, string | null>, clock: SandboxClock): boolean {
    const changed = [...values].filter(([name, value]) => (record.properties.get(name) ?? null) !== value);
    if (changed.length === 0) return false;
    this.#removeModified(record);
    this.#apply(record, values);
    record.updatedAt = Math.max(clock.now(), record.updatedAt);
    this.#stamp(record);
    this.#insertModified(record);
    this.onChange?.({ kind: 'propertyChange', record, properties: changed });
    return true;
  }

  /** Archives a record; `silent` for a merge's loser (the merge is reported instead of a deletion). */
  archive(record: StoredObject, clock: SandboxClock, silent = false): void {
    if (record.archived) return;
    this.#removeModified(record);
    record.archived = true;
    record.archivedAt = clock.now();
    record.updatedAt = Math.max(record.archivedAt, record.updatedAt);
    this.#stamp(record);
    this.#insertModified(record);
    for (const [name, index] of this.#unique) {
      const value = record.properties.get(name);
      if (value !== undefined && index.get(value) === record.id) index.delete(value);
    }
    if (!silent) this.onChange?.({ kind: 'deletion', record });
  }

  /** Records in creation order from position `start` (list paging). */
  *fromCreation(start: number): Generator<StoredObject> {
    for (let i = start; i < this.#creationOrder.length; i++) {
      const record = this.#creationOrder[i];
      if (record) yield record;
    }
  }

  /** Position of the first record with id ≥ `id` in creation order (ids grow with creation). */
  creationIndexOf(id: number): number {
    let low = 0;
    let high = this.#creationOrder.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#creationOrder[mid]?.id ?? Number.POSITIVE_INFINITY) < id) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Records in modification order from the first modified at or after `from` (ms). */
  *fromModification(from: number): Generator<StoredObject> {
    for (let i = this.#modifiedIndex(from, Number.NEGATIVE_INFINITY); i < this.#modificationOrder.length; i++) {
      const record = this.#modificationOrder[i];
      if (record) yield record;
    }
  }

  all(): IterableIterator<StoredObject> {
    return this.#byId.values();
  }

  #apply(record: StoredObject, values: ReadonlyMap<string, string | null>): void {
    for (const [name, value] of values) {
      const index = this.#unique.get(name);
      const previous = record.properties.get(name);
      if (index && previous !== undefined && index.get(previous) === record.id) index.delete(previous);
      if (value === null) record.properties.delete(name);
      else {
        record.properties.set(name, value);
        if (index && !record.archived) index.set(value, record.id);
      }
    }
  }

  #stamp(record: StoredObject): void {
    record.properties.set('hs_object_id', String(record.id));
    record.properties.set('createdate', new Date(record.createdAt).toISOString());
    record.properties.set('hs_lastmodifieddate', new Date(record.updatedAt).toISOString());
  }

  #modifiedIndex(updatedAt: number, id: number): number {
    let low = 0;
    let high = this.#modificationOrder.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const entry = this.#modificationOrder[mid];
      if (entry && before(entry, updatedAt, id)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #insertModified(record: StoredObject): void {
    const last = this.#modificationOrder[this.#modificationOrder.length - 1];
    if (!last || before(last, record.updatedAt, record.id)) this.#modificationOrder.push(record);
    else this.#modificationOrder.splice(this.#modifiedIndex(record.updatedAt, record.id), 0, record);
  }

  #removeModified(record: StoredObject): void {
    const index = this.#modifiedIndex(record.updatedAt, record.id);
    if (this.#modificationOrder[index] === record) this.#modificationOrder.splice(index, 1);
  }
}
