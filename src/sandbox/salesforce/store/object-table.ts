import type { FieldDefinition, FieldValue, ObjectDefinition } from '../schema/object-schema.js';

/**
 * One record version. Versions are immutable: a write stores a new version, so a query cursor keeps the versions
 * it matched, and a rollback puts a copy of the previous version back.
 */
export interface StoredRecord {
  readonly object: ObjectDefinition;
  readonly id: string;
  /** Values by canonical field name; datetimes in the REST text form, which sorts as it reads. */
  readonly values: Readonly<Record<string, FieldValue>>;
}

export function valueOf(record: StoredRecord, field: string): FieldValue {
  return record.values[field] ?? null;
}

export function isDeleted(record: StoredRecord): boolean {
  return record.values.IsDeleted === true;
}

/** Orders versions by (SystemModstamp, Id), the order incremental readers page in. */
export function compareModstampThenId(a: StoredRecord, b: StoredRecord): number {
  const stampA = String(a.values.SystemModstamp ?? '');
  const stampB = String(b.values.SystemModstamp ?? '');
  if (stampA !== stampB) return stampA < stampB ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Key of a unique or external-id value in the lookup index; case-insensitive unless the field says otherwise. */
export function lookupKey(field: FieldDefinition, value: FieldValue): string | undefined {
  if (value === null) return undefined;
  const text = String(value);
  return field.caseSensitive ? text : text.toLowerCase();
}

/**
 * The records of one object: by id (creation order), by external-id/unique value, and sorted by
 * (SystemModstamp, Id). The sorted index is kept lazily: writes append to a pending list, and the next reader
 * drops superseded versions and merges the new ones in, so a burst of writes costs one merge.
 */
export class ObjectTable {
  readonly definition: ObjectDefinition;
  private readonly rows = new Map<string, StoredRecord>();
  private readonly lookups = new Map<string, Map<string, Set<string>>>();
  private sorted: StoredRecord[] = [];
  private pending: StoredRecord[] = [];
  private live = 0;

  constructor(definition: ObjectDefinition) {
    this.definition = definition;
  }

  get(id: string): StoredRecord | undefined {
    return this.rows.get(id);
  }

  /** Records not deleted. */
  get liveCount(): number {
    return this.live;
  }

  /** All records, deleted ones included, in creation order. */
  get size(): number {
    return this.rows.size;
  }

  values(): IterableIterator<StoredRecord> {
    return this.rows.values();
  }

  /** Stores a version, replacing the current one of the same id. */
  put(record: StoredRecord): void {
    const previous = this.rows.get(record.id);
    if (previous) {
      this.unindex(previous);
      if (!isDeleted(previous)) this.live -= 1;
    }
    this.rows.set(record.id, record);
    this.indexLookups(record);
    if (!isDeleted(record)) this.live += 1;
    this.pending.push(record);
  }

  /** Forgets a record entirely (rolling back its creation). */
  remove(id: string): void {
    const previous = this.rows.get(id);
    if (!previous) return;
    this.unindex(previous);
    if (!isDeleted(previous)) this.live -= 1;
    this.rows.delete(id);
    this.pending.push(previous);
  }

  /** Live records whose `field` equals `value` (by the field's case rule). */
  findBy(field: FieldDefinition, value: FieldValue): StoredRecord[] {
    const key = lookupKey(field, value);
    if (key === undefined) return [];
    const ids = this.lookupIndex(field).get(key);
    if (!ids) return [];
    const found: StoredRecord[] = [];
    for (const id of ids) {
      const record = this.rows.get(id);
      if (record) found.push(record);
    }
    return found;
  }

  /** Every current version, deleted ones included, sorted by (SystemModstamp, Id). */
  byModstamp(): readonly StoredRecord[] {
    if (this.pending.length === 0) return this.sorted;
    const isCurrent = (record: StoredRecord): boolean => this.rows.get(record.id) === record;
    const kept = this.sorted.filter(isCurrent);
    const seen = new Set<StoredRecord>();
    const fresh: StoredRecord[] = [];
    for (const record of this.pending) {
      if (isCurrent(record) && !seen.has(record)) {
        seen.add(record);
        fresh.push(record);
      }
    }
    fresh.sort(compareModstampThenId);
    this.sorted = mergeSorted(kept, fresh);
    this.pending = [];
    return this.sorted;
  }

  private lookupIndex(field: FieldDefinition): Map<string, Set<string>> {
    const name = field.name;
    let index = this.lookups.get(name);
    if (!index) {
      index = new Map();
      this.lookups.set(name, index);
      for (const record of this.rows.values()) this.addLookup(index, field, record);
    }
    return index;
  }

  private indexLookups(record: StoredRecord): void {
    for (const [name, index] of this.lookups) {
      const field = this.definition.fields.find((candidate) => candidate.name === name);
      if (field) this.addLookup(index, field, record);
    }
  }

  private addLookup(index: Map<string, Set<string>>, field: FieldDefinition, record: StoredRecord): void {
    if (isDeleted(record)) return;
    const key = lookupKey(field, valueOf(record, field.name));
    if (key === undefined) return;
    let ids = index.get(key);
    if (!ids) {
      ids = new Set();
      index.set(key, ids);
    }
    ids.add(record.id);
  }

  private unindex(record: StoredRecord): void {
    for (const [name, index] of this.lookups) {
      const field = this.definition.fields.find((candidate) => candidate.name === name);
      const key = field && lookupKey(field, valueOf(record, name));
      if (key === undefined) continue;
      const ids = index.get(key);
      ids?.delete(record.id);
      if (ids?.size === 0) index.delete(key);
    }
  }
}

function mergeSorted(a: StoredRecord[], b: StoredRecord[]): StoredRecord[] {
  if (b.length === 0) return a;
  const last = a.at(-1);
  const firstNew = b[0];
  if (last === undefined || (firstNew !== undefined && compareModstampThenId(last, firstNew) <= 0)) return a.concat(b);
  const merged: StoredRecord[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    const left = a[i];
    const right = b[j];
    if (left !== undefined && (right === undefined || compareModstampThenId(left, right) <= 0)) {
      merged.push(left);
      i += 1;
    } else if (right !== undefined) {
      merged.push(right);
      j += 1;
    } else {
      return merged;
    }
  }
}
