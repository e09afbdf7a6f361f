import type { CrmRecord, FieldSchema, ObjectSchema, ReadChangesOptions, RemovalPage } from '../shared/crm-connector.js';
import type { HubSpotCaller } from './hubspot-caller.js';
import { toRecord } from './read-changes.js';
import { HubSpotBatchResponse, HubSpotListPage, HubSpotPropertyList } from './raw-shapes.js';
import { BATCH_SIZE } from './write-records.js';

/** Records by id, 100 per call; ids that do not exist are left out (https://developers.hubspot.com/docs/api/crm/companies — batch/read). */
export async function readByIds(caller: HubSpotCaller, type: string, ids: readonly string[], fields: readonly string[]): Promise<CrmRecord[]> {
  const records: CrmRecord[] = [];
  const properties = [...new Set([...fields, 'hs_lastmodifieddate', 'hs_object_id'])];
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    const chunk = ids.slice(start, start + BATCH_SIZE);
    const { body } = await caller.json(`read ${type} (${String(chunk.length)} ids)`, { method: 'POST', path: `/crm/v3/objects/${type}/batch/read`, body: { properties, inputs: chunk.map((id) => ({ id })) } }, HubSpotBatchResponse);
    records.push(...body.results.map(toRecord));
  }
  return records;
}

const TYPES: Record<string, FieldSchema['type']> = { string: 'string', number: 'number', date: 'date', datetime: 'datetime', enumeration: 'picklist', bool: 'boolean' };

/** The object's properties as a schema (https://developers.hubspot.com/docs/api/crm/properties). */
export async function describeObject(caller: HubSpotCaller, type: string): Promise<ObjectSchema> {
  const { body } = await caller.json(`describe ${type}`, { method: 'GET', path: `/crm/v3/properties/${type}` }, HubSpotPropertyList);
  return {
    object: type,
    fields: body.results.map((property) => {
      const readOnly = property.modificationMetadata?.readOnlyValue === true || property.calculated;
      const options = property.options.filter((o) => o.hidden !== true).map((o) => o.value);
      return {
        name: property.name,
        label: property.label,
        type: property.fieldType === 'textarea' ? 'text' : property.fieldType === 'checkbox' ? 'multipicklist' : (TYPES[property.type] ?? 'string'),
        ...(options.length > 0 ? { picklistValues: options } : {}),
        restricted: property.type === 'enumeration' && options.length > 0,
        createable: !readOnly,
        updateable: !readOnly,
        nillable: true,
        externalId: property.hasUniqueValue,
        unique: property.hasUniqueValue,
      };
    }),
  };
}

/**
 * Archived records since the cursor (deletions), from the archived listing. HubSpot offers no archive
 * timestamp filter, so the listing is read in full and filtered; merges appear as archived records too,
 * and a survivor's hs_merged_object_ids names them (read by the engine from the survivor's changes).
 */
export async function* readRemovals(caller: HubSpotCaller, type: string, options: Omit<ReadChangesOptions, 'fields'>): AsyncGenerator<RemovalPage> {
  const since = options.since ? Date.parse(options.since.modifiedAt) - (options.lookbackMs ?? 0) : 0;
  let after: string | undefined;
  do {
    options.signal?.throwIfAborted();
    const { body } = await caller.json(`list archived ${type}`, { method: 'GET', path: `/crm/v3/objects/${type}`, qs: { limit: '100', archived: 'true', properties: 'hs_object_id', ...(after ? { after } : {}) } }, HubSpotListPage);
    after = body.paging?.next?.after;
    const removals = body.results
      .map((object) => ({ id: object.id, removedAt: new Date(object.archivedAt ?? object.updatedAt).toISOString() }))
      .filter((removal) => Date.parse(removal.removedAt) >= since);
    const last = removals.reduce((max, r) => (r.removedAt > max ? r.removedAt : max), new Date(since).toISOString());
    yield { removals, cursor: { modifiedAt: last, id: '0' } };
  } while (after !== undefined);
}
