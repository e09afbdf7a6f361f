import type { SalesforceCaller } from './salesforce-caller.js';
import { SalesforceQueryPage } from './raw-shapes.js';

/** Salesforce's page size for REST queries: 200 to 2,000 (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_queryoptions.htm). */
export const MAX_QUERY_PAGE = 2_000;

export interface QueryPagesOptions {
  /** queryAll: deleted and merged rows too (IsDeleted = true). */
  all?: boolean;
  pageSize?: number;
  signal?: AbortSignal | undefined;
}

/**
 * A SOQL query's pages, one call each, followed through `nextRecordsUrl` (queryMore). Never jsforce's
 * `autoFetch`, which gathers every page into one array and silently stops at `maxFetch` (10,000).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_query.htm
 */
export async function* queryPages(caller: SalesforceCaller, soql: string, options: QueryPagesOptions = {}): AsyncGenerator<SalesforceQueryPage> {
  const batchSize = Math.min(MAX_QUERY_PAGE, Math.max(200, options.pageSize ?? MAX_QUERY_PAGE));
  const headers = { 'Sforce-Query-Options': `batchSize=${String(batchSize)}` };
  let path: string | undefined = `/${options.all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`;
  while (path !== undefined) {
    options.signal?.throwIfAborted();
    const { body }: { body: SalesforceQueryPage } = await caller.json(`query ${summarize(soql)}`, { method: 'GET', path, headers }, SalesforceQueryPage);
    yield body;
    path = body.done ? undefined : nextPath(body.nextRecordsUrl);
  }
}

/** `nextRecordsUrl` is host-relative (`/services/data/v62.0/query/01g…-2000`); jsforce rebuilds absolute ones. */
function nextPath(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const start = url.indexOf('/services/');
  return start >= 0 ? url.slice(start) : url;
}

/** The query's shape for messages: its FROM and WHERE, without a field list that may be long. */
function summarize(soql: string): string {
  const from = /\bFROM\b.*/is.exec(soql)?.[0] ?? soql;
  return from.length > 160 ? `${from.slice(0, 160)}…` : from;
}
