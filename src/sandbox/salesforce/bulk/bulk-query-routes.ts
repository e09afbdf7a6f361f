import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SalesforceApiError } from '../errors.js';
import { apiContext } from '../http/api-guard.js';
import { compileOrRefuse } from '../http/query-routes.js';
import type { SandboxOrg } from '../sandbox-org.js';
import { formatDateTime } from '../salesforce-dates.js';
import { runQuery } from '../soql/soql-executor.js';
import type { QueryJob } from './bulk-query-jobs.js';
import { CsvFormat } from './csv-format.js';

const CreateJob = z.object({
  operation: z.enum(['query', 'queryAll']),
  query: z.string().min(1),
  contentType: z.literal('CSV').optional(),
  columnDelimiter: z.enum(['BACKQUOTE', 'CARET', 'COMMA', 'PIPE', 'SEMICOLON', 'TAB']).optional(),
  lineEnding: z.enum(['LF', 'CRLF']).optional(),
});
const JobParams = z.object({ jobId: z.string() });
const ResultsQuery = z.object({
  locator: z.string().optional(),
  maxRecords: z.coerce.number().int().min(1).optional(),
});
const Abort = z.object({ state: z.literal('Aborted') });

function invalidJob(message: string, status = 400): SalesforceApiError {
  return new SalesforceApiError(status, 'INVALIDJOB', message);
}

/** Job info as `GET /jobs/query/{id}` answers it (the create call answers without the processing fields). */
function jobInfo(job: QueryJob, full: boolean): Record<string, unknown> {
  const info: Record<string, unknown> = {
    id: job.id,
    operation: job.operation,
    object: job.query.object.name,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
  };
  if (!full) return info;
  const done = job.state === 'JobComplete';
  return { ...info, jobType: 'V2Query', numberRecordsProcessed: done ? job.records.length : 0, retries: 0, totalProcessingTime: done ? 1 : 0, isPkChunkingSupported: true };
}

/** Locators are opaque to clients; here they are the next row's offset, base64-encoded like the platform's. */
const encodeLocator = (offset: number): string => Buffer.from(String(offset)).toString('base64url');
function decodeLocator(locator: string): number | undefined {
  const text = Buffer.from(locator, 'base64url').toString('utf8');
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * Bulk API 2.0 query jobs (https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/queries.htm):
 * create, check, list, abort, delete, and results as CSV pages with `Sforce-Locator` and `Sforce-NumberOfRecords`.
 * A job runs when it is created; its first status check reports JobComplete.
 */
export function registerBulkQueryRoutes(api: FastifyInstance, org: SandboxOrg): void {
  const findJob = (params: unknown): QueryJob => {
    const parsed = JobParams.safeParse(params);
    const job = parsed.success ? org.bulkJobs.get(parsed.data.jobId) : undefined;
    if (!job) throw new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (job.state === 'UploadComplete' || job.state === 'InProgress') {
      job.state = 'JobComplete';
      job.systemModstamp = formatDateTime(org.clock.now());
    }
    return job;
  };

  api.post('/jobs/query', (request, reply) => {
    const { session, version, versionNumber } = apiContext(request);
    if (versionNumber < 47) throw new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const parsed = CreateJob.safeParse(request.body);
    if (!parsed.success) throw invalidJob(`Invalid job: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    const body = parsed.data;
    const query = compileOrRefuse(org, body.query);
    if (query.shape !== 'records') throw invalidJob('Aggregate queries are not supported by Bulk API 2.0 query jobs');
    if (query.hasSubqueries) throw invalidJob('Parent-to-child relationship queries are not supported by Bulk API 2.0 query jobs');
    if (query.offset !== undefined) throw invalidJob('OFFSET is not supported by Bulk API 2.0 query jobs');
    const outcome = runQuery(query, org.store, { includeDeleted: body.operation === 'queryAll' });
    const now = formatDateTime(org.clock.now());
    const job = org.bulkJobs.create({
      operation: body.operation,
      query,
      records: outcome.shape === 'records' ? outcome.records : [],
      createdById: session.userId,
      createdDate: now,
      systemModstamp: now,
      apiVersion: version,
      lineEnding: body.lineEnding ?? 'LF',
      columnDelimiter: body.columnDelimiter ?? 'COMMA',
    });
    return reply.code(200).send(jobInfo(job, false));
  });

  api.get('/jobs/query', () => ({ done: true, records: org.bulkJobs.list().map((job) => jobInfo(job, true)), nextRecordsUrl: null }));

  api.get('/jobs/query/:jobId', (request) => jobInfo(findJob(request.params), true));

  api.patch('/jobs/query/:jobId', (request) => {
    const parsed = JobParams.safeParse(request.params);
    const job = parsed.success ? org.bulkJobs.get(parsed.data.jobId) : undefined;
    if (!job) throw new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (!Abort.safeParse(request.body).success) throw invalidJob('The only state a query job can be set to is Aborted');
    if (job.state !== 'UploadComplete' && job.state !== 'InProgress') throw invalidJob(`Job ${job.id} is ${job.state} and cannot be aborted`);
    job.state = 'Aborted';
    job.records = [];
    job.systemModstamp = formatDateTime(org.clock.now());
    return jobInfo(job, true);
  });

  api.delete('/jobs/query/:jobId', (request, reply) => {
    const parsed = JobParams.safeParse(request.params);
    if (!parsed.success || !org.bulkJobs.delete(parsed.data.jobId)) throw new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return reply.code(204).send();
  });

  api.get('/jobs/query/:jobId/results', (request, reply) => {
    const { version } = apiContext(request);
    const job = findJob(request.params);
    if (job.state !== 'JobComplete') throw invalidJob(`Job ${job.id} is ${job.state}; results are only available for a completed job`);
    if (job.apiVersion !== version) {
      throw new SalesforceApiError(409, 'API_VERSION_MISMATCH', `Use the API version the job was created with (${job.apiVersion}) to get its results`);
    }
    const query = ResultsQuery.safeParse(request.query);
    if (!query.success) throw new SalesforceApiError(400, 'INVALID_QUERY_LOCATOR', 'maxRecords must be a positive integer');
    const start = query.data.locator === undefined ? 0 : decodeLocator(query.data.locator);
    if (start === undefined || start > job.records.length) throw new SalesforceApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    const end = Math.min(job.records.length, start + (query.data.maxRecords ?? job.records.length));
    const format = new CsvFormat(job.query.columns, job.columnDelimiter, job.lineEnding);
    const records = job.records;
    const rows = function* (): Generator<string> {
      yield format.header();
      let chunk = '';
      for (let i = start; i < end; i += 1) {
        const record = records[i];
        if (record) chunk += format.row(record);
        if (chunk.length > 64 * 1024) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk !== '') yield chunk;
    };
    return reply
      .header('content-type', 'text/csv')
      .header('sforce-numberofrecords', String(end - start))
      .header('sforce-locator', end >= job.records.length ? 'null' : encodeLocator(end))
      .send(Readable.from(rows()));
  });
}
