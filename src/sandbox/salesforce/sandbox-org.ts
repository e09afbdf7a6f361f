import { ApiUsage } from './api-usage.js';
import { SessionStore } from './auth/session-store.js';
import { BulkQueryJobs } from './bulk/bulk-query-jobs.js';
import { RecordWriter, type WriteContext } from './dml/record-writer.js';
import { Transaction } from './dml/transaction.js';
import { FaultInjector } from './fault-injector.js';
import { QueryCursors } from './query-cursors.js';
import type { SandboxClock } from './sandbox-clock.js';
import { applySettings, type SandboxSettings, type SettingsPatch } from './sandbox-settings.js';
import { truncateToSecond } from './salesforce-dates.js';
import { IdGenerator, KEY_PREFIXES } from './salesforce-ids.js';
import { SchemaRegistry } from './schema/schema-registry.js';
import { RecordStore } from './store/record-store.js';

export interface OrgCredentials {
  username: string;
  password: string;
  securityToken: string;
  clientId: string;
  clientSecret: string;
}

/** One API request as the sandbox answered it, for tests and the demo to see what a client called. */
export interface LoggedRequest {
  method: string;
  /** Path and query, e.g. `/services/data/v62.0/composite/sobjects`. */
  url: string;
  status: number;
}

const REQUEST_LOG_SIZE = 1000;

export interface SandboxOrgOptions {
  /** Varies the ids' instance code, so two sandboxes hand out different ids. */
  orgSeed: number;
  clock: SandboxClock;
  settings: SandboxSettings;
  credentials: OrgCredentials;
}

/**
 * Everything one emulated org holds: schema, records, sessions, API usage, query cursors, bulk jobs, settings,
 * and the integration user the API logs in as. Routes and the caller-facing API share it.
 */
export class SandboxOrg {
  readonly schema = new SchemaRegistry();
  readonly store: RecordStore;
  readonly ids: IdGenerator;
  readonly writer: RecordWriter;
  readonly clock: SandboxClock;
  readonly sessions: SessionStore;
  readonly usage: ApiUsage;
  readonly cursors: QueryCursors;
  readonly bulkJobs: BulkQueryJobs;
  readonly faults: FaultInjector;
  readonly orgId: string;
  readonly credentials: OrgCredentials;
  readonly integrationUserId: string;
  private currentSettings: SandboxSettings;
  private readonly log: LoggedRequest[] = [];

  constructor(options: SandboxOrgOptions) {
    this.clock = options.clock;
    this.currentSettings = options.settings;
    this.credentials = options.credentials;
    this.ids = new IdGenerator(options.orgSeed);
    this.orgId = this.ids.next(KEY_PREFIXES.Organization);
    this.store = new RecordStore(this.schema);
    this.writer = new RecordWriter(this.store, this.ids);
    this.sessions = new SessionStore(this.clock, this.orgId, () => this.currentSettings.sessionTtlMs);
    this.usage = new ApiUsage(this.clock);
    this.cursors = new QueryCursors(this.clock, this.ids, () => this.currentSettings.maxOpenCursorsPerUser);
    this.bulkJobs = new BulkQueryJobs(this.ids);
    this.faults = new FaultInjector(this.currentSettings.faults.seed);
    this.integrationUserId = this.createIntegrationUser();
  }

  get settings(): SandboxSettings {
    return this.currentSettings;
  }

  updateSettings(patch: SettingsPatch): SandboxSettings {
    this.currentSettings = applySettings(this.currentSettings, patch);
    return this.currentSettings;
  }

  /** The latest API requests (up to 1,000), oldest first. */
  requests(): readonly LoggedRequest[] {
    return this.log;
  }

  logRequest(entry: LoggedRequest): void {
    this.log.push(entry);
    if (this.log.length > REQUEST_LOG_SIZE) this.log.splice(0, this.log.length - REQUEST_LOG_SIZE);
  }

  clearRequests(): void {
    this.log.length = 0;
  }

  /** The transaction time for a write happening now: whole seconds, as the platform stamps records. */
  transactionTime(): number {
    return truncateToSecond(this.clock.now());
  }

  /**
   * Runs writes as one transaction of `userId`: every record gets the same timestamps, and if `body` throws,
   * every write it made is rolled back before the error goes on.
   */
  write<T>(userId: string, body: (ctx: WriteContext) => T, audit?: WriteContext['audit']): T {
    const tx = new Transaction();
    const ctx: WriteContext = audit === undefined ? { userId, now: this.transactionTime(), tx } : { userId, now: this.transactionTime(), tx, audit };
    try {
      return body(ctx);
    } catch (error) {
      tx.rollback();
      throw error;
    }
  }

  private createIntegrationUser(): string {
    const user = this.schema.find('User');
    if (!user) throw new Error('the schema has no User object');
    const { username } = this.credentials;
    const outcome = this.write('', (ctx) =>
      this.writer.create(
        user,
        { Username: username, FirstName: 'Integration', LastName: 'User', Email: username, Alias: 'integ', Title: 'API integration' },
        ctx,
      ),
    );
    if (!outcome.success) throw new Error(`cannot create the integration user: ${outcome.errors.map((e) => e.message).join('; ')}`);
    const table = this.store.table(user);
    const record = table.get(outcome.id);
    if (record) table.put({ ...record, values: { ...record.values, CreatedById: outcome.id, LastModifiedById: outcome.id } });
    return outcome.id;
  }
}
