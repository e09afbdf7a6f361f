import type { ErrorRule } from '../shared/error-disposition.js';

/**
 * Salesforce status / errorCode → what to do, for every call. jsforce's own retry is off (the job owns
 * retries); jsforce still refreshes an expired session once (INVALID_SESSION_ID) before we see an error.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */
export const SALESFORCE_ERROR_TABLE: readonly ErrorRule[] = [
  { code: 'REQUEST_LIMIT_EXCEEDED', disposition: 'wait', reason: 'the org reached its API request or concurrency limit' },
  { status: 429, disposition: 'wait', reason: 'throttled' },
  { code: ['invalid_grant', 'invalid_client', 'invalid_client_id', 'INVALID_LOGIN', 'INVALID_AUTH_HEADER', 'API_DISABLED_FOR_ORG', 'INVALID_OPERATION_WITH_EXPIRED_PASSWORD', 'inactive_user', 'inactive_org'], disposition: 'reconnect', reason: 'the org refused the credentials' },
  { code: 'INVALID_SESSION_ID', disposition: 'reconnect', reason: 'the session stayed invalid after a fresh login' },
  { code: ['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'QUERY_TIMEOUT', 'REQUEST_RUNNING_TOO_LONG'], disposition: 'retry', reason: 'transient: a row lock, a timeout or an unavailable server' },
  { status: [500, 502, 503, 504], disposition: 'retry', reason: 'Salesforce had a transient server error' },
  { code: ['MALFORMED_QUERY', 'INVALID_FIELD', 'INVALID_TYPE', 'NOT_FOUND', 'INVALID_QUERY_FILTER_OPERATOR', 'API_CURRENTLY_DISABLED', 'INSUFFICIENT_ACCESS'], disposition: 'fail', reason: 'the request names something the org does not have or allow; fix the mapping or the permissions' },
  { code: 'EXCEEDED_ID_LIMIT', disposition: 'fail', reason: 'too many records in one call' },
  { disposition: 'fail', reason: 'unexpected answer' },
];

/** Per-record errors that the same record may survive unchanged on a later attempt. */
export const RETRYABLE_RECORD_CODES: ReadonlySet<string> = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'REQUEST_RUNNING_TOO_LONG']);

/**
 * How long a REQUEST_LIMIT_EXCEEDED asks to wait: the daily limit ("TotalRequests Limit exceeded") frees up
 * over a rolling 24 hours, so look again in an hour; a concurrency limit frees up within seconds.
 */
export function limitWaitMs(message: string): number {
  return /TotalRequests/i.test(message) ? 3_600_000 : 20_000;
}
