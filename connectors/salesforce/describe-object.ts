import type { FieldSchema, ObjectSchema } from '../shared/crm-connector.js';
import type { SalesforceCaller } from './salesforce-caller.js';
import { SalesforceDescribe } from './raw-shapes.js';
import { soqlName } from './soql.js';

const TYPES: Record<string, FieldSchema['type']> = {
  id: 'id',
  string: 'string',
  textarea: 'text',
  picklist: 'picklist',
  multipicklist: 'multipicklist',
  double: 'number',
  int: 'number',
  long: 'number',
  currency: 'currency',
  percent: 'percent',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  reference: 'reference',
  email: 'email',
  phone: 'phone',
  url: 'url',
};

/** https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm */
export async function describeRaw(caller: SalesforceCaller, object: string): Promise<SalesforceDescribe> {
  const { body } = await caller.json(`describe ${object}`, { method: 'GET', path: `/sobjects/${soqlName(object)}/describe` }, SalesforceDescribe);
  return body;
}

export function toObjectSchema(describe: SalesforceDescribe): ObjectSchema {
  return {
    object: describe.name,
    fields: describe.fields.map((field) => {
      const picklist = field.picklistValues.filter((value) => value.active).map((value) => value.value);
      return {
        name: field.name,
        label: field.label,
        type: TYPES[field.type] ?? 'string',
        ...(field.length > 0 ? { length: field.length } : {}),
        ...(picklist.length > 0 ? { picklistValues: picklist } : {}),
        restricted: field.restrictedPicklist,
        createable: field.createable,
        updateable: field.updateable,
        nillable: field.nillable,
        externalId: field.externalId,
        unique: field.unique,
      };
    }),
  };
}

/**
 * Describes once per object for the connector's life (a describe is an API call, and object shapes change
 * only with an admin's deploy; a restarted worker sees the new shape).
 */
export class DescribeCache {
  readonly #caller: SalesforceCaller;
  readonly #cache = new Map<string, Promise<SalesforceDescribe>>();

  constructor(caller: SalesforceCaller) {
    this.#caller = caller;
  }

  get(object: string): Promise<SalesforceDescribe> {
    let entry = this.#cache.get(object);
    if (!entry) {
      entry = describeRaw(this.#caller, object);
      entry.catch(() => this.#cache.delete(object));
      this.#cache.set(object, entry);
    }
    return entry;
  }
}
