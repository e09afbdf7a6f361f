import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SalesforceApiError } from '../errors.js';
import type { QueryCursor } from '../query-cursors.js';
import { projectRecord } from '../record-json.js';
import type { SandboxOrg } from '../sandbox-org.js';
import { SoqlError } from '../soql/soql-error.js';
import { prepareQuery, runQuery } from '../soql/soql-executor.js';
import type { CompiledQuery } from '../soql/soql-compiler.js';
import { apiContext } from './api-guard.js';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
const MAX_BATCH = 2000;

const QueryString = z.object({ q: z.string().min(1), explain: z.string().optional() });
const LocatorParam = z.object({ locator: z.string() });

/**
 * `Sforce-Query-Options: batchSize=N` (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_queryoptions.htm):
 * 200 to 2,000, default 2,000; out-of-range values are brought into range.
 */
export function batchSizeOf(request: FastifyRequest, fallback = DEFAULT_BATCH): number {
  const header = request.headers['sforce-query-options'];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const match = /batchSize\s*=\s*(\d+)/i.exec(text);
  if (!match) return fallback;
  return Math.min(MAX_BATCH, Math.max(MIN_BATCH, Number(match[1])));
}

/** Parses and compiles, answering a query the API would refuse with its 400 and located message. */
export function compileOrRefuse(org: SandboxOrg, soql: string): CompiledQuery {
  try {
    return prepareQuery(soql, org.store, org.clock.now());
  } catch (error) {
    if (error instanceof SoqlError) throw error.toApiError(soql);
    throw error;
  }
}

interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

function page(org: SandboxOrg, cursor: QueryCursor, from: number, batch: number, version: string): QueryPage {
  const to = Math.min(cursor.records.length, from + batch);
  const records: Record<string, unknown>[] = [];
  for (let i = from; i < to; i += 1) {
    const record = cursor.records[i];
    if (record) records.push(projectRecord(org.store, record, cursor.query.selection, version));
  }
  if (to >= cursor.records.length) {
    org.cursors.release(cursor.id);
    return { totalSize: cursor.records.length, done: true, records };
  }
  return { totalSize: cursor.records.length, done: false, nextRecordsUrl: `/services/data/v${version}/query/${cursor.id}-${to}`, records };
}

/**
 * SOQL over REST: `query` and `queryAll` (deleted and merged records too), paged by batch size with server-side
 * locators (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm,
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_queryall.htm). A queryAll
 * locator comes back under `/query/`, as on the platform; both paths read it.
 */
export function registerQueryRoutes(api: FastifyInstance, org: SandboxOrg): void {
  const run = (request: FastifyRequest, includeDeleted: boolean): QueryPage => {
    const { session, version } = apiContext(request);
    const parsed = QueryString.safeParse(request.query);
    if (!parsed.success) throw new SalesforceApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    if (parsed.data.explain !== undefined) throw new SalesforceApiError(400, 'INVALID_OPERATION', 'The sandbox does not explain query plans');
    const soql = parsed.data.q;
    const query = compileOrRefuse(org, soql);
    const outcome = runQuery(query, org.store, { includeDeleted });
    if (outcome.shape === 'count') return { totalSize: outcome.count, done: true, records: [] };
    if (outcome.shape === 'aggregate') {
      const record: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
      for (const value of outcome.values) record[value.name] = value.count;
      return { totalSize: 1, done: true, records: [record] };
    }
    const batch = batchSizeOf(request);
    const cursor = org.cursors.open(session.userId, query, outcome.records, batch);
    return page(org, cursor, 0, batch, version);
  };

  const more = (request: FastifyRequest): QueryPage => {
    const { session, version } = apiContext(request);
    const { locator } = LocatorParam.parse(request.params);
    const match = /^([0-9A-Za-z]{18})-(\d+)$/.exec(locator);
    const cursor = match ? org.cursors.find(match[1] ?? '', session.userId) : undefined;
    const from = Number(match?.[2] ?? -1);
    if (!cursor || from < 0 || from >= cursor.records.length) throw new SalesforceApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    return page(org, cursor, from, batchSizeOf(request, cursor.batchSize), version);
  };

  api.get('/query', (request) => run(request, false));
  api.get('/queryAll', (request) => run(request, true));
  api.get('/query/:locator', (request) => more(request));
  api.get('/queryAll/:locator', (request) => more(request));
}
