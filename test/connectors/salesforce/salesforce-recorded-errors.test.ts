import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSalesforceConnector } from '../../../connectors/salesforce/salesforce-connector.js';
import { CrmRequestError } from '../../../connectors/shared/crm-request-error.js';
import { RateLimitedError, ReconnectRequiredError } from '../../../connectors/shared/deferral-errors.js';
import { Secret } from '../../../src/config/secret.js';
import { silentLogger, testWorkspace, type TestWorkspace } from '../../helpers/test-redis.js';
import { collect, idsOf } from './salesforce-fixture.js';

// The exact answers of the real API, as its documentation and recorded sessions show them.
const LOGIN = 'https://login.salesforce.com';
const ORG = 'https://acme.my.salesforce.com';
const API = '/services/data/v62.0';
const TOKEN = { access_token: '00Dxx0000001gPL!AR8AQJXg', instance_url: ORG, id: `${LOGIN}/id/00Dxx0000001gPLEAY/005xx000001Sv6AAAS`, token_type: 'Bearer', issued_at: '1700000000000', signature: 'c2lnbmF0dXJl' };
const SESSION_EXPIRED = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
const record = (id: string, stamp = '2025-01-01T00:00:00.000+0000') => ({ attributes: { type: 'Account', url: `${API}/sobjects/Account/${id}` }, Id: id, SystemModstamp: stamp, Name: `Name ${id}` });
const ID = (n: number) => `001xx00000${String(n).padStart(5, '0')}AAA`;

let ws: TestWorkspace;
beforeAll(() => {
  nock.disableNetConnect();
});
afterAll(() => {
  nock.enableNetConnect();
});
afterEach(async () => {
  nock.cleanAll();
  await ws.cleanup();
});

async function connector(): Promise<ReturnType<typeof createSalesforceConnector>> {
  ws = await testWorkspace();
  return createSalesforceConnector({
    connectionId: 'vendor',
    settings: { kind: 'salesforce', loginUrl: LOGIN, apiVersion: '62.0', auth: { type: 'refresh-token', clientId: 'cid', clientSecret: new Secret('cs', 'S'), refreshToken: new Secret('5Aep861', 'R') }, limits: { dailyShare: 0.8 }, bulkThreshold: 1_000_000 },
    redis: ws.redis,
    prefix: ws.prefix,
    logger: silentLogger,
  });
}

describe('Salesforce connector on the real API\'s recorded answers', () => {
  it('given a 401 INVALID_SESSION_ID, then it refreshes once and the call succeeds', async () => {
    const sf = await connector();
    const login = nock(LOGIN).post('/services/oauth2/token').times(2).reply(200, TOKEN);
    nock(ORG).post(`${API}/composite/sobjects/Account`).reply(401, SESSION_EXPIRED).post(`${API}/composite/sobjects/Account`).reply(200, [record(ID(1))], { 'Sforce-Limit-Info': 'api-usage=18/15000' });
    const records = await sf.readByIds('Account', [ID(1)], ['Name']);
    expect(records.map((r) => r.id)).toEqual([ID(1)]);
    expect(login.isDone()).toBe(true);
    expect(await sf.budget()).toMatchObject({ used: 18, limit: 15_000, allowed: 12_000 });
  });

  it('given the refresh answers invalid_grant, then the error is "reconnect required"', async () => {
    const sf = await connector();
    nock(LOGIN).post('/services/oauth2/token').reply(400, { error: 'invalid_grant', error_description: 'expired access/refresh token' });
    const error = await sf.describe('Account').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconnectRequiredError);
    expect(error).toMatchObject({ crmCode: 'invalid_grant', deferMs: 300_000 });
  });

  it.each([
    ['TotalRequests Limit exceeded.', 3_600_000],
    ['ConcurrentPerOrgLongTxn Limit exceeded.', 20_000],
  ])('given 403 REQUEST_LIMIT_EXCEEDED "%s", then the job waits %i ms without spending an attempt', async (message, wait) => {
    const sf = await connector();
    nock(LOGIN).post('/services/oauth2/token').reply(200, TOKEN);
    nock(ORG).get(`${API}/sobjects/Account/describe`).reply(403, [{ message, errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    const error = await sf.describe('Account').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ deferMs: wait, crmCode: 'REQUEST_LIMIT_EXCEEDED' });
  });

  it('given a 503 SERVER_UNAVAILABLE or an HTML 502, then one call is made (no hidden retries) and the error says retry', async () => {
    const sf = await connector();
    nock(LOGIN).post('/services/oauth2/token').reply(200, TOKEN);
    const api = nock(ORG)
      .get(`${API}/sobjects/Account/describe`).reply(503, [{ message: 'Server is temporarily unavailable.', errorCode: 'SERVER_UNAVAILABLE' }])
      .get(`${API}/sobjects/Opportunity/describe`).reply(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' });
    for (const object of ['Account', 'Opportunity']) {
      const error = await sf.describe(object).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CrmRequestError);
      expect((error as CrmRequestError).rule.disposition).toBe('retry');
    }
    expect(api.isDone()).toBe(true);
    expect(sf.caller.calls).toBe(2);
  });

  it('given a mixed collections answer with a row lock, then the locked record is sent again alone and the duplicate fails alone', async () => {
    const sf = await connector();
    nock(LOGIN).post('/services/oauth2/token').reply(200, TOKEN);
    const bodies: unknown[] = [];
    nock(ORG)
      .patch(`${API}/composite/sobjects/Account/Cosell_Id__c`, (body: unknown) => bodies.push(body) > 0)
      .reply(200, [
        { id: ID(1), success: true, errors: [], created: true },
        { success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record or 1 records: 001xx', fields: [] }] },
        { success: false, errors: [{ statusCode: 'DUPLICATE_VALUE', message: 'duplicate value found: Cosell_Id__c duplicates value on record with id: 001xx', fields: ['Cosell_Id__c'] }] },
      ])
      .patch(`${API}/composite/sobjects/Account/Cosell_Id__c`, (body: unknown) => bodies.push(body) > 0)
      .reply(200, [{ id: ID(2), success: true, errors: [], created: false }]);
    const outcomes = await sf.upsert('Account', 'Cosell_Id__c', [1, 2, 3].map((n) => ({ externalId: `acc_${String(n)}`, fields: { Name: `A${String(n)}` } })));
    expect(outcomes).toEqual([
      { ok: true, externalId: 'acc_1', id: ID(1), created: true },
      { ok: true, externalId: 'acc_2', id: ID(2), created: false },
      { ok: false, externalId: 'acc_3', error: { code: 'DUPLICATE_VALUE', message: expect.stringContaining('duplicate value') as string, fields: ['Cosell_Id__c'], retryable: false } },
    ]);
    expect(bodies[0]).toMatchObject({ allOrNone: false, records: [{ attributes: { type: 'Account' }, Cosell_Id__c: 'acc_1' }, {}, {}] });
    expect((bodies[1] as { records: unknown[] }).records).toEqual([{ attributes: { type: 'Account' }, Name: 'A2', Cosell_Id__c: 'acc_2' }]);
  });

  it('given an empty page that still has a nextRecordsUrl, then reading goes on to the next page', async () => {
    const sf = await connector();
    nock(LOGIN).post('/services/oauth2/token').reply(200, TOKEN);
    nock(ORG)
      .get(`${API}/query`).query(true).reply(200, { totalSize: 1, done: false, nextRecordsUrl: `${API}/query/01gxx0000000001-2000`, records: [] })
      .get(`${API}/query/01gxx0000000001-2000`).reply(200, { totalSize: 1, done: true, records: [record(ID(7))] });
    const pages = await collect(sf.readChanges('Account', { fields: ['Name'], since: { modifiedAt: '2024-12-31T00:00:00.000Z', id: ID(0) } }));
    expect(idsOf(pages)).toEqual([ID(7)]);
    expect(pages.at(-1)?.cursor).toEqual({ modifiedAt: '2025-01-01T00:00:00.000Z', id: ID(7) });
  });

  it('given the query locator expires mid-read, then the query restarts after the last record read', async () => {
    const sf = await connector();
    nock(LOGIN).post('/services/oauth2/token').reply(200, TOKEN);
    const queries: string[] = [];
    nock(ORG)
      .get(`${API}/query`).query((q) => queries.push(String(q.q)) > 0).reply(200, { totalSize: 3, done: false, nextRecordsUrl: `${API}/query/01gxx0000000002-200`, records: [record(ID(1)), record(ID(2))] })
      .get(`${API}/query/01gxx0000000002-200`).reply(400, [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }])
      .get(`${API}/query`).query((q) => queries.push(String(q.q)) > 0).reply(200, { totalSize: 1, done: true, records: [record(ID(3))] });
    const pages = await collect(sf.readChanges('Account', { fields: ['Name'], since: { modifiedAt: '2024-12-31T00:00:00.000Z', id: ID(0) } }));
    expect(idsOf(pages)).toEqual([ID(1), ID(2), ID(3)]);
    expect(queries[1]).toContain(`SystemModstamp = 2025-01-01T00:00:00.000Z AND Id > '${ID(2)}'`);
  });
});
