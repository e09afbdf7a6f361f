/**
 * The one interface the engine uses for every CRM. The engine never knows which CRM it talks to: it names
 * objects and fields as the CRM does (Salesforce `Account`, HubSpot `companies`), and mappings translate
 * them to the canonical model.
 */

export type CrmKind = 'salesforce' | 'hubspot';

/** A record as read from the CRM: its id, its last-modified time, and the fields asked for (raw CRM values). */
export interface CrmRecord {
  id: string;
  /** ISO 8601 UTC with milliseconds: the CRM's modification stamp (SystemModstamp, hs_lastmodifieddate). */
  modifiedAt: string;
  fields: Record<string, unknown>;
}

/**
 * Where an incremental read stands: the (modification time, id) of the last record committed. Records are
 * read in that order, so records sharing one timestamp are never skipped; a lookback re-reads a little
 * before it to cover late index updates (the engine's hashes make re-reads free).
 */
export interface ChangeCursor {
  modifiedAt: string;
  id: string;
}

export interface ReadChangesOptions {
  /** Fields to read besides the id and modification stamp. */
  fields: readonly string[];
  /** Where to resume; undefined reads everything (an initial load). */
  since?: ChangeCursor | undefined;
  /** Re-read this far before `since.modifiedAt` (search indexes and clocks lag). */
  lookbackMs?: number;
  /** Records per page, within the CRM's own limits. */
  pageSize?: number;
  signal?: AbortSignal;
}

/** One page of changes; checkpoint `cursor` only after the page's records are committed. */
export interface ChangePage {
  records: CrmRecord[];
  /** The cursor after this page's last record. */
  cursor: ChangeCursor;
}

/**
 * A record to write: upserted by the value of the object's external-id field. When the record already
 * exists in the CRM without our external id (a record the CRM's users created, later linked), `crmId` names
 * it: it is updated by id and given the external id, so later writes find it by the external id alone.
 */
export interface UpsertInput {
  externalId: string;
  crmId?: string | undefined;
  fields: Record<string, unknown>;
}

/** What happened to one record of a batch, in input order. */
export type RecordOutcome =
  | { ok: true; externalId: string; id: string; created: boolean }
  | { ok: false; externalId: string; error: RecordError };

export interface RecordError {
  /** The CRM's own code, e.g. FIELD_CUSTOM_VALIDATION_EXCEPTION, INVALID_OPTION. */
  code: string;
  message: string;
  fields?: string[];
  /** True when the same record may succeed later unchanged (a lock, a timeout); false needs a fix. */
  retryable: boolean;
}

export type DeleteOutcome =
  | { ok: true; id: string }
  | { ok: false; id: string; error: RecordError };

/** A record that disappeared: deleted, or merged into another record (then `mergedInto` is the survivor). */
export interface Removal {
  id: string;
  removedAt: string;
  mergedInto?: string | undefined;
}

export interface RemovalPage {
  removals: Removal[];
  cursor: ChangeCursor;
}

export interface FieldSchema {
  name: string;
  label: string;
  type:
    | 'id'
    | 'string'
    | 'text'
    | 'picklist'
    | 'multipicklist'
    | 'number'
    | 'currency'
    | 'percent'
    | 'boolean'
    | 'date'
    | 'datetime'
    | 'reference'
    | 'email'
    | 'phone'
    | 'url';
  length?: number;
  /** Allowed values for picklists and enumerations (active ones only). */
  picklistValues?: string[];
  /** True when a value outside picklistValues is refused by the CRM. */
  restricted: boolean;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  externalId: boolean;
  unique: boolean;
}

export interface ObjectSchema {
  object: string;
  fields: FieldSchema[];
}

/** The API budget as the CRM last reported it. */
export interface ApiBudget {
  /** Calls used and allowed in the current window (daily for Salesforce and HubSpot). */
  used: number;
  limit: number;
  /** What the connector allows itself (a share of the limit) before it stops. */
  allowed: number;
  window: 'daily';
  /** When the numbers were read from the CRM's headers (ISO), or undefined before the first call. */
  observedAt: string | undefined;
}

export interface CrmConnector {
  readonly kind: CrmKind;
  readonly connectionId: string;

  /** Fields of an object as the CRM describes them (Salesforce describe, HubSpot properties). */
  describe(object: string): Promise<ObjectSchema>;

  /** Changed records since a cursor, oldest first, as pages (never the whole result in memory). */
  readChanges(object: string, options: ReadChangesOptions): AsyncIterable<ChangePage>;

  /** Records by CRM id; ids that do not exist are absent from the result. */
  readByIds(object: string, ids: readonly string[], fields: readonly string[]): Promise<CrmRecord[]>;

  /** Creates or updates records by external id; one outcome per input, in input order. */
  upsert(object: string, externalIdField: string, records: readonly UpsertInput[]): Promise<RecordOutcome[]>;

  /** Deletes (Salesforce) or archives (HubSpot) records by CRM id; one outcome per id. */
  remove(object: string, ids: readonly string[]): Promise<DeleteOutcome[]>;

  /** Deletions and merges since a cursor, oldest first. */
  readRemovals(object: string, options: Omit<ReadChangesOptions, 'fields'>): AsyncIterable<RemovalPage>;

  /** The API budget left, from the CRM's own headers. */
  budget(): Promise<ApiBudget>;

  /** API calls this connector has made in this process (sync runs record the difference per pass). */
  calls(): number;
}
