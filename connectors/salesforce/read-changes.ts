import type { ChangeCursor, ChangePage, ReadChangesOptions } from '../shared/crm-connector.js';
import { CrmRequestError } from '../shared/crm-request-error.js';
import { bulkFirstLoad } from './bulk-first-load.js';
import { afterCursor, CHANGE_ORDER } from './change-cursor-clause.js';
import type { DescribeCache } from './describe-object.js';
import { queryPages } from './query-pages.js';
import { SalesforceCountPage } from './raw-shapes.js';
import type { SalesforceCaller } from './salesforce-caller.js';
import { soqlName } from './soql.js';
import { toCrmRecord } from './to-crm-record.js';

/** A query locator left unused for 15 minutes expires; restarting from the cursor this many times is fine. */
const MAX_LOCATOR_RESTARTS = 5;

export interface ReadChangesContext {
  caller: SalesforceCaller;
  describes: DescribeCache;
  /** First loads of more records than this go through Bulk API 2.0. */
  bulkThreshold: number;
}

/**
 * Changed records of one object, oldest first: SOQL ordered by (SystemModstamp, Id) from the compound
 * cursor, one page per queryMore. A first load (no cursor) of more than `bulkThreshold` records streams
 * through Bulk API 2.0 instead. An expired query locator restarts the query from the last record yielded.
 */
export async function* readChanges(context: ReadChangesContext, object: string, options: ReadChangesOptions): AsyncGenerator<ChangePage> {
  const fields = [...new Set(['Id', 'SystemModstamp', ...options.fields])].map(soqlName);
  if (!options.since && (await countAll(context.caller, object)) > context.bulkThreshold) {
    yield* bulkFirstLoad(context, object, fields, options);
    return;
  }
  let since: ChangeCursor | undefined = options.since;
  let lookbackMs = options.lookbackMs ?? 0;
  for (let restarts = 0; ; restarts += 1) {
    const where = afterCursor(since, lookbackMs);
    const soql = `SELECT ${fields.join(', ')} FROM ${soqlName(object)}${where ? ` WHERE ${where}` : ''} ${CHANGE_ORDER}`;
    try {
      for await (const page of queryPages(context.caller, soql, { pageSize: options.pageSize, signal: options.signal })) {
        const records = page.records.map(toCrmRecord);
        const last = records.at(-1);
        if (!last) continue;
        since = { modifiedAt: last.modifiedAt, id: last.id };
        lookbackMs = 0;
        yield { records, cursor: since };
      }
      return;
    } catch (error) {
      if (!(error instanceof CrmRequestError && error.crmCode === 'INVALID_QUERY_LOCATOR') || restarts >= MAX_LOCATOR_RESTARTS) throw error;
    }
  }
}

async function countAll(caller: SalesforceCaller, object: string): Promise<number> {
  const { body } = await caller.json(`count ${object}`, { method: 'GET', path: `/query?q=${encodeURIComponent(`SELECT COUNT() FROM ${soqlName(object)}`)}` }, SalesforceCountPage);
  return body.totalSize;
}
