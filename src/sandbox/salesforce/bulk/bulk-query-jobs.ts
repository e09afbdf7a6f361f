import { KEY_PREFIXES, type IdGenerator } from '../salesforce-ids.js';
import type { CompiledQuery } from '../soql/soql-compiler.js';
import type { StoredRecord } from '../store/object-table.js';

export type QueryJobState = 'UploadComplete' | 'InProgress' | 'Aborted' | 'JobComplete' | 'Failed';
export type ColumnDelimiter = 'BACKQUOTE' | 'CARET' | 'COMMA' | 'PIPE' | 'SEMICOLON' | 'TAB';
export type LineEnding = 'LF' | 'CRLF';

export interface QueryJob {
  id: string;
  operation: 'query' | 'queryAll';
  query: CompiledQuery;
  /** The records the query matched, fixed when the job was created (the job's snapshot). */
  records: StoredRecord[];
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: QueryJobState;
  apiVersion: string;
  lineEnding: LineEnding;
  columnDelimiter: ColumnDelimiter;
}

/** Bulk API 2.0 query jobs of one org. Jobs run at once; they report JobComplete from the first status check on. */
export class BulkQueryJobs {
  private readonly jobs = new Map<string, QueryJob>();
  private readonly ids: IdGenerator;

  constructor(ids: IdGenerator) {
    this.ids = ids;
  }

  create(job: Omit<QueryJob, 'id' | 'state'>): QueryJob {
    const created: QueryJob = { ...job, id: this.ids.next(KEY_PREFIXES.BulkJob), state: 'UploadComplete' };
    this.jobs.set(created.id, created);
    return created;
  }

  get(id: string): QueryJob | undefined {
    return this.jobs.get(id);
  }

  delete(id: string): boolean {
    return this.jobs.delete(id);
  }

  list(): QueryJob[] {
    return [...this.jobs.values()];
  }
}
