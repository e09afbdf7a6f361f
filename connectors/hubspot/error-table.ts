import type { ErrorRule } from '../shared/error-disposition.js';

/**
 * HubSpot status / category → what to do. https://developers.hubspot.com/docs/api/error-handling
 * One table for every call; the job owns retries of transient failures (the client's own retry is off).
 */
export const HUBSPOT_ERROR_TABLE: readonly ErrorRule[] = [
  { status: 429, disposition: 'wait', reason: 'rate limited: wait for the window the headers name' },
  { status: 401, code: 'EXPIRED_AUTHENTICATION', disposition: 'reauthenticate', reason: 'the 30-minute access token expired' },
  { status: 401, disposition: 'reconnect', reason: 'the token is not valid (revoked private app token or app uninstalled)' },
  { status: 400, code: ['BAD_REFRESH_TOKEN', 'INVALID_CLIENT'], disposition: 'reconnect', reason: 'the refresh token or app credentials were refused' },
  { status: 403, disposition: 'fail', reason: 'the app lacks a scope for this call; grant it and reconnect' },
  { status: 409, disposition: 'fail-record', reason: 'a unique value is already used by another record' },
  { status: 400, code: 'VALIDATION_ERROR', disposition: 'fail', reason: 'HubSpot refused the request as invalid' },
  { status: 404, disposition: 'fail', reason: 'the object type or record does not exist' },
  { status: [500, 502, 503, 504], disposition: 'retry', reason: 'HubSpot had a transient server error' },
  { disposition: 'fail', reason: 'unexpected answer' },
];
