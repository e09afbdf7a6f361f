import type { StoredObject } from './object-store.js';
import type { ObjectType } from './property-catalog.js';

/** The properties HubSpot returns when a request names none. */
const DEFAULT_RETURNED: Record<ObjectType, readonly string[]> = {
  companies: ['name', 'domain'],
  deals: ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate'],
  contacts: ['email', 'firstname', 'lastname'],
};
const ALWAYS = ['createdate', 'hs_lastmodifieddate', 'hs_object_id'];

/** A record in the API's SimplePublicObject shape; requested properties without a value come back null. */
export function toApiObject(record: StoredObject, requested: readonly string[] | undefined): Record<string, unknown> {
  const names = new Set([...(requested && requested.length > 0 ? requested : DEFAULT_RETURNED[record.type]), ...ALWAYS]);
  const properties: Record<string, string | null> = {};
  for (const name of names) properties[name] = record.properties.get(name) ?? null;
  return {
    id: String(record.id),
    properties,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    archived: record.archived,
    ...(record.archivedAt === undefined ? {} : { archivedAt: new Date(record.archivedAt).toISOString() }),
  };
}

/** `properties` as query parameters arrive: repeated, or comma-separated. */
export function requestedProperties(raw: unknown): string[] | undefined {
  if (raw === undefined) return undefined;
  const list = Array.isArray(raw) ? raw : [raw];
  return list.flatMap((item) => (typeof item === 'string' ? item.split(',') : [])).map((p) => p.trim()).filter((p) => p !== '');
}
