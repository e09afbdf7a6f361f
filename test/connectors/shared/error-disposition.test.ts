import { describe, expect, it } from 'vitest';
import { classify, type ErrorRule } from '../../../connectors/shared/error-disposition.js';

describe('error disposition table', () => {
  const table: ErrorRule[] = [
    { status: 401, code: 'INVALID_SESSION_ID', disposition: 'reauthenticate', reason: 'session expired' },
    { code: ['UNABLE_TO_LOCK_ROW'], disposition: 'retry', reason: 'row locked' },
    { status: [500, 502, 503], disposition: 'retry', reason: 'server error' },
    { disposition: 'fail', reason: 'anything else' },
  ];
  it.each([
    [401, 'INVALID_SESSION_ID', 'reauthenticate'],
    [400, 'UNABLE_TO_LOCK_ROW', 'retry'],
    [503, undefined, 'retry'],
    [400, 'MALFORMED_QUERY', 'fail'],
    [undefined, undefined, 'fail'],
  ] as const)('given status %s and code %s, then the disposition is %s', (status, code, disposition) => {
    expect(classify(table, { status, code }).disposition).toBe(disposition);
  });
});
