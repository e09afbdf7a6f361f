import type { HubSpotPortal } from './hubspot-portal.js';
import { HubSpotApiError, validationError } from './hubspot-errors.js';
import type { ObjectTypeStore, StoredObject } from './object-store.js';
import { propertyProblemsMessage, validateProperties } from './property-validation.js';

/** Validates properties for a write; throws HubSpot's 400 listing every invalid property. */
export function checkedValues(store: ObjectTypeStore, properties: Readonly<Record<string, unknown>>): Map<string, string | null> {
  const { values, problems } = validateProperties(properties, store.definitions);
  if (problems.length > 0) {
    throw validationError(propertyProblemsMessage(problems), {
      errors: problems.map((p) => ({ message: p.message, code: p.error, context: { propertyName: [p.name] } })),
    });
  }
  return values;
}

/** Refuses a value already held by another live record in a unique-value property (HubSpot: 409). */
export function checkUnique(store: ObjectTypeStore, values: ReadonlyMap<string, string | null>, self: StoredObject | undefined): void {
  for (const [name, value] of values) {
    if (value === null || !store.isUnique(name)) continue;
    const holder = store.getByUnique(name, value);
    if (holder && holder !== self) {
      throw new HubSpotApiError(409, {
        message: `A ${store.type.replace(/s$/, '')} with ${name} "${value}" already exists (id ${String(holder.id)}).`,
        category: 'CONFLICT',
        context: { id: [String(holder.id)] },
      });
    }
  }
}

export function createRecord(portal: HubSpotPortal, store: ObjectTypeStore, properties: Readonly<Record<string, unknown>>): StoredObject {
  const values = checkedValues(store, properties);
  checkUnique(store, values, undefined);
  return store.create(portal.nextId(), values, portal.clock);
}

export function updateRecord(portal: HubSpotPortal, store: ObjectTypeStore, record: StoredObject, properties: Readonly<Record<string, unknown>>): StoredObject {
  const values = checkedValues(store, properties);
  checkUnique(store, values, record);
  store.update(record, values, portal.clock);
  return record;
}

/** Finds a live record by id, or by a unique property when `idProperty` is given. */
export function findRecord(store: ObjectTypeStore, id: string, idProperty: string | undefined): StoredObject | undefined {
  if (idProperty !== undefined && idProperty !== 'hs_object_id') {
    if (!store.isUnique(idProperty)) throw validationError(`${idProperty} is not a unique identifier property of ${store.type}.`);
    return store.getByUnique(idProperty, id);
  }
  const record = /^\d+$/.test(id) ? store.get(Number(id)) : undefined;
  return record && !record.archived ? record : undefined;
}
