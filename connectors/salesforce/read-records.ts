import type { ChangeCursor, CrmRecord, ReadChangesOptions, RemovalPage } from '../shared/crm-connector.js';
import { afterCursor, CHANGE_ORDER } from './change-cursor-clause.js';
import type { DescribeCache } from './describe-object.js';
import { queryPages } from './query-pages.js';
import { SalesforceRetrieveResults } from './raw-shapes.js';
import type { SalesforceCaller } from './salesforce-caller.js';
import { soqlName } from './soql.js';
import { isoUtc, toCrmRecord } from './to-crm-record.js';

/** sObject Collections retrieve takes up to 2,000 ids per call. */
const RETRIEVE_LIMIT = 2_000;

/**
 * Records by id, 2,000 per call; ids that do not exist (or were deleted) are left out.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_retrieve.htm
 */
export async function readByIds(caller: SalesforceCaller, object: string, ids: readonly string[], fields: readonly string[]): Promise<CrmRecord[]> {
  const names = [...new Set(['Id', 'SystemModstamp', ...fields])].map(soqlName);
  const records: CrmRecord[] = [];
  for (let start = 0; start < ids.length; start += RETRIEVE_LIMIT) {
    const chunk = ids.slice(start, start + RETRIEVE_LIMIT);
    const { body } = await caller.json(`read ${object} (${String(chunk.length)} ids)`, { method: 'POST', path: `/composite/sobjects/${soqlName(object)}`, body: { ids: chunk, fields: names } }, SalesforceRetrieveResults);
    for (const record of body) if (record) records.push(toCrmRecord(record));
  }
  return records;
}

/**
 * Deleted and merged records since the cursor, oldest first: queryAll on IsDeleted = true, in
 * (SystemModstamp, Id) order, with MasterRecordId naming a merge's survivor on the objects that have one
 * (Account, Contact, Lead). The recycle bin keeps deleted rows about 15 days: read removals more often.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_queryall.htm
 */
export async function* readRemovals(caller: SalesforceCaller, describes: DescribeCache, object: string, options: Omit<ReadChangesOptions, 'fields'>): AsyncGenerator<RemovalPage> {
  const describe = await describes.get(object);
  const merges = describe.fields.some((field) => field.name === 'MasterRecordId');
  const where = ['IsDeleted = true', afterCursor(options.since, options.lookbackMs)].filter((clause) => clause !== undefined).join(' AND ');
  const soql = `SELECT Id, SystemModstamp${merges ? ', MasterRecordId' : ''} FROM ${soqlName(object)} WHERE ${where} ${CHANGE_ORDER}`;
  for await (const page of queryPages(caller, soql, { all: true, pageSize: options.pageSize, signal: options.signal })) {
    const records = page.records.map(toCrmRecord);
    const last = records.at(-1);
    if (!last) continue;
    const cursor: ChangeCursor = { modifiedAt: last.modifiedAt, id: last.id };
    yield {
      removals: records.map((record) => {
        const master = record.fields.MasterRecordId;
        return { id: record.id, removedAt: isoUtc(record.modifiedAt), ...(typeof master === 'string' && master !== '' ? { mergedInto: master } : {}) };
      }),
      cursor,
    };
  }
}
