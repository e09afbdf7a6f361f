import { setTimeout as sleep } from 'node:timers/promises';
import Papa from 'papaparse';
import type { ChangeCursor, ChangePage, CrmRecord, ReadChangesOptions } from '../shared/crm-connector.js';
import { CrmRequestError } from '../shared/crm-request-error.js';
import type { DescribeCache } from './describe-object.js';
import { SalesforceQueryJob, type SalesforceDescribe } from './raw-shapes.js';
import type { SalesforceCaller } from './salesforce-caller.js';
import { isoUtc } from './to-crm-record.js';

/** Records per results page: large enough to keep calls few, small enough to stream. */
const RESULTS_PAGE = 50_000;
/** Records per page handed to the engine (committed, then checkpointed): a REST query page's size. */
const PAGE = 2_000;
/**
 * The first results call asks for one engine page only: the engine has records to commit (and its writes
 * can start) without waiting for the CRM to make and send 50,000 rows; the next, full-sized, page is made
 * meanwhile.
 */
const FIRST_RESULTS_PAGE = PAGE;
const POLL_START_MS = 500;
const POLL_MAX_MS = 5_000;
/** A query job not done in this long is given up (the job is retried later from scratch). */
const JOB_TIMEOUT_MS = 30 * 60_000;

interface BulkContext {
  caller: SalesforceCaller;
  describes: DescribeCache;
}

/**
 * A first load through Bulk API 2.0: one query job, polled until complete, its CSV results read page by
 * page (`maxRecords`, `Sforce-Locator`) so a million records never sit in memory at once. jsforce's own
 * `bulk2.query` reads every results page before handing back its stream, so the job's resources are called
 * directly. Bulk results come in no particular order: pages checkpoint at the epoch, and the last page at
 * the newest SystemModstamp seen (records changed during the load are read again by the next pass).
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/queries.htm
 */
export async function* bulkFirstLoad(context: BulkContext, object: string, fields: readonly string[], options: ReadChangesOptions): AsyncGenerator<ChangePage> {
  const { caller } = context;
  const describe = await context.describes.get(object);
  const { body: created } = await caller.json(`create Bulk 2.0 query job on ${object}`, { method: 'POST', path: '/jobs/query', body: { operation: 'query', query: `SELECT ${fields.join(', ')} FROM ${object}` } }, SalesforceQueryJob);
  const jobId = created.id;
  try {
    await waitForJob(caller, object, jobId, options.signal);
    let newest: ChangeCursor = { modifiedAt: new Date(0).toISOString(), id: '' };
    const epoch: ChangeCursor = { modifiedAt: new Date(0).toISOString(), id: '' };
    let pending: Promise<ResultsPage> | undefined = readResults(caller, object, jobId, FIRST_RESULTS_PAGE, undefined);
    while (pending) {
      options.signal?.throwIfAborted();
      const { body, locator }: ResultsPage = await pending;
      // The next results page is asked for at once: the CRM makes it while the engine commits this one.
      pending = locator === undefined ? undefined : readResults(caller, object, jobId, RESULTS_PAGE, locator);
      // A page the engine no longer asks for (the pass stopped) must not fail unhandled; awaited, it still throws.
      pending?.catch(() => undefined);
      // A results page goes to the engine in smaller pages, each committed before the next is made.
      let records: CrmRecord[] = [];
      for (const record of toRecords(body, describe)) {
        if (record.modifiedAt > newest.modifiedAt) newest = { modifiedAt: record.modifiedAt, id: '' };
        records.push(record);
        if (records.length === PAGE) {
          yield { records, cursor: epoch };
          records = [];
        }
      }
      if (locator === undefined) yield { records, cursor: newest };
      else if (records.length > 0) yield { records, cursor: epoch };
    }
  } finally {
    // Results stay for 7 days otherwise; a failed clean-up changes nothing for the load.
    await caller.json(`delete Bulk 2.0 query job ${jobId}`, { method: 'DELETE', path: `/jobs/query/${jobId}` }, SalesforceQueryJob.partial()).catch(() => undefined);
  }
}

interface ResultsPage {
  body: string;
  /** Where the next page starts; undefined after the last. */
  locator: string | undefined;
}

async function readResults(caller: SalesforceCaller, object: string, jobId: string, maxRecords: number, locator: string | undefined): Promise<ResultsPage> {
  const query = new URLSearchParams({ maxRecords: String(maxRecords), ...(locator ? { locator } : {}) });
  const answer = await caller.text(`read Bulk 2.0 results of ${object} job ${jobId}`, { method: 'GET', path: `/jobs/query/${jobId}/results?${query.toString()}`, headers: { Accept: 'text/csv' } });
  const next = answer.headers['sforce-locator'];
  return { body: answer.body, locator: next && next !== 'null' ? next : undefined };
}

async function waitForJob(caller: SalesforceCaller, object: string, jobId: string, signal: AbortSignal | undefined): Promise<void> {
  const deadline = Date.now() + JOB_TIMEOUT_MS;
  for (let wait = POLL_START_MS; ; wait = Math.min(POLL_MAX_MS, wait * 2)) {
    const { body: job } = await caller.json(`check Bulk 2.0 query job ${jobId}`, { method: 'GET', path: `/jobs/query/${jobId}` }, SalesforceQueryJob);
    if (job.state === 'JobComplete') return;
    if (job.state === 'Failed' || job.state === 'Aborted' || Date.now() > deadline) {
      throw new CrmRequestError({
        connectionId: caller.connectionId,
        operation: `Bulk 2.0 query of ${object} (job ${jobId})`,
        httpStatus: undefined,
        crmCode: job.state === 'Failed' || job.state === 'Aborted' ? `JOB_${job.state.toUpperCase()}` : 'JOB_TIMEOUT',
        crmMessage: job.errorMessage ?? `the job was ${job.state} after ${String(JOB_TIMEOUT_MS / 60_000)} minutes`,
        rule: { disposition: 'retry', reason: 'the bulk job did not complete; the load starts again' },
      });
    }
    await sleep(wait, undefined, signal ? { signal } : {});
  }
}

/** CSV rows to records, text turned back into the types describe names (as a REST read would give them). */
function* toRecords(csv: string, describe: SalesforceDescribe): Generator<CrmRecord> {
  // RFC 4180 as Bulk 2.0 writes it (quotes doubled, line breaks inside quotes); a page's rows are plain string
  // arrays, turned into records one by one as the engine takes them.
  const parsed = Papa.parse<string[]>(csv, { delimiter: ',', skipEmptyLines: true, dynamicTyping: false, header: false });
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken) throw new SyntaxError(`Bulk 2.0 results: ${broken.message} (row ${String((broken.row ?? 0) + 1)})`);
  const [names, ...rows] = parsed.data;
  if (!names) return;
  const types = new Map(describe.fields.map((field) => [field.name, field.type]));
  const columnTypes = names.map((name) => types.get(name));
  const idColumn = names.indexOf('Id');
  const stampColumn = names.indexOf('SystemModstamp');
  for (const row of rows) {
    if (row.length !== names.length) throw new SyntaxError(`Bulk 2.0 results: a row has ${String(row.length)} fields, the header ${String(names.length)}`);
    const fields: Record<string, unknown> = {};
    for (let column = 0; column < names.length; column += 1) fields[names[column] as string] = typed(row[column] ?? '', columnTypes[column]);
    const stamp = row[stampColumn] ?? '';
    yield { id: row[idColumn] ?? '', modifiedAt: ISO_UTC_MS.test(stamp) ? stamp : isoUtc(stamp === '' ? new Date(0).toISOString() : stamp), fields };
  }
}

/** Bulk writes datetimes as ISO UTC with milliseconds (`2024-01-31T10:00:00.000Z`): already a cursor's form. */
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function typed(text: string, type: string | undefined): unknown {
  if (text === '') return null;
  switch (type) {
    case 'double':
    case 'int':
    case 'long':
    case 'currency':
    case 'percent':
      return Number(text);
    case 'boolean':
      return text === 'true';
    case 'datetime':
      // REST gives `…+0000`; Bulk gives `…Z`. Keep REST's form so hashes agree whichever read saw a record.
      return text.replace(/Z$/, '+0000');
    default:
      return text;
  }
}
