/**
 * Errors in Salesforce's own shapes. A request-level failure answers with an HTTP status and a JSON array of
 * `{message, errorCode, fields?}` (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm);
 * a per-record failure inside a save result is `{statusCode, message, fields}`.
 */

/** One error of one record in a SaveResult/UpsertResult/DeleteResult. */
export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

/** A request the API refuses as a whole: an HTTP status and the error array it answers with. */
export class SalesforceApiError extends Error {
  override readonly name = 'SalesforceApiError';
  readonly status: number;
  readonly errorCode: string;
  readonly fields: string[] | undefined;
  /** Further errors of the same request (a single-record save may fail for several reasons at once). */
  readonly more: RecordError[];

  constructor(status: number, errorCode: string, message: string, options: { fields?: string[]; more?: RecordError[] } = {}) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.fields = options.fields;
    this.more = options.more ?? [];
  }

  /** The JSON body Salesforce answers with. */
  toBody(): { message: string; errorCode: string; fields?: string[] }[] {
    const first = this.fields === undefined
      ? { message: this.message, errorCode: this.errorCode }
      : { message: this.message, errorCode: this.errorCode, fields: this.fields };
    return [first, ...this.more.map((error) => ({ message: error.message, errorCode: error.statusCode, fields: error.fields }))];
  }

  /** A single-record save that failed: the record's errors as the request's errors. */
  static fromRecordErrors(status: number, errors: readonly RecordError[]): SalesforceApiError {
    const [first, ...rest] = errors;
    if (!first) return new SalesforceApiError(500, 'UNKNOWN_EXCEPTION', 'the save failed without an error');
    return new SalesforceApiError(status, first.statusCode, first.message, { fields: first.fields, more: rest });
  }
}

export const NOT_FOUND_MESSAGE = 'The requested resource does not exist';

export function notFound(message = NOT_FOUND_MESSAGE): SalesforceApiError {
  return new SalesforceApiError(404, 'NOT_FOUND', message);
}

export function invalidSession(): SalesforceApiError {
  return new SalesforceApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
}

export function requestLimitExceeded(): SalesforceApiError {
  return new SalesforceApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
}

export function serverUnavailable(): SalesforceApiError {
  return new SalesforceApiError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable, please retry later.');
}

/** A JSON body the API could not read into the record's field types. */
export function jsonParserError(message: string): SalesforceApiError {
  return new SalesforceApiError(400, 'JSON_PARSER_ERROR', message);
}

export function recordError(statusCode: string, message: string, fields: string[] = []): RecordError {
  return { statusCode, message, fields };
}

/** The error a record gets when allOrNone rolled back a request that failed on another record. */
export const ROLLED_BACK: RecordError = recordError(
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  'Record rolled back because not all records were valid and the request was using AllOrNone header',
);
