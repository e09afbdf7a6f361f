import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHubSpotConnector } from '../../../connectors/hubspot/hubspot-connector.js';
import type { ChangePage } from '../../../connectors/shared/crm-connector.js';
import { CrmRequestError } from '../../../connectors/shared/crm-request-error.js';
import { RateLimitedError, ReconnectRequiredError } from '../../../connectors/shared/deferral-errors.js';
import { Secret } from '../../../src/config/secret.js';
import { silentLogger, testWorkspace, type TestWorkspace } from '../../helpers/test-redis.js';

// The exact answers of the real API, as HubSpot's documentation and recorded sessions show them.
const API = 'https://api.hubapi.com';
const RATE_HEADERS = { 'x-hubspot-ratelimit-daily': '500000', 'x-hubspot-ratelimit-daily-remaining': '499000', 'x-hubspot-ratelimit-interval-milliseconds': '10000', 'x-hubspot-ratelimit-max': '190', 'x-hubspot-ratelimit-remaining': '0' };
const TEN_SECONDLY = { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', correlationId: 'c5f8e8d0-0b1a-4c5f-9a53-1e2b3c4d5e6f', policyName: 'TEN_SECONDLY_ROLLING', groupName: 'publicapi:private-app:1234' };
const SECONDLY = { status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId: 'a1b2', policyName: 'SECONDLY' };
const EXPIRED = { status: 'error', message: 'The OAuth token used to make this call expired 2 minute(s) ago.', correlationId: 'x', category: 'EXPIRED_AUTHENTICATION', context: { expiredAt: ['2025-01-01T00:00:00Z'] } };
const company = (id: string, modified = '2025-01-01T00:00:00.000Z') => ({ id, properties: { name: `C${id}`, hs_object_id: id, hs_lastmodifieddate: modified }, createdAt: modified, updatedAt: modified, archived: false });

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

async function connector(auth: 'private-app' | 'oauth' = 'private-app'): Promise<ReturnType<typeof createHubSpotConnector>> {
  ws = await testWorkspace();
  return createHubSpotConnector({
    connectionId: 'northwind',
    settings: {
      kind: 'hubspot',
      baseUrl: API,
      auth: auth === 'private-app' ? { type: 'private-app', token: new Secret('pat-na1-11111111', 'T') } : { type: 'oauth', clientId: 'app', clientSecret: new Secret('s3cret', 'S'), refreshToken: new Secret('na1-refresh', 'R') },
      limits: { dailyShare: 0.9, requestsPerTenSeconds: 190, searchRequestsPerSecond: 5 },
    },
    redis: ws.redis,
    prefix: ws.prefix,
    logger: silentLogger,
  });
}

async function collect(pages: AsyncIterable<ChangePage>): Promise<ChangePage[]> {
  const all: ChangePage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe('HubSpot connector on the real API\'s recorded answers', () => {
  it('given a 429 with Retry-After, then the job waits that long without spending an attempt', async () => {
    const hs = await connector();
    nock(API).get('/crm/v3/properties/companies').reply(429, TEN_SECONDLY, { ...RATE_HEADERS, 'retry-after': '3' });
    const error = await hs.describe('companies').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ deferMs: 3_000, crmCode: 'TEN_SECONDLY_ROLLING' });
  });

  it('given a 429 without Retry-After, then the wait comes from the policy: the 10-second window, or one second for search', async () => {
    const hs = await connector();
    nock(API).get('/crm/v3/properties/companies').reply(429, TEN_SECONDLY, RATE_HEADERS).post('/crm/v3/objects/companies/search').reply(429, SECONDLY);
    expect(await hs.describe('companies').catch((e: unknown) => e)).toMatchObject({ deferMs: 10_000 });
    const search = await collect(hs.readChanges('companies', { fields: ['name'], since: { modifiedAt: '2025-01-01T00:00:00.000Z', id: '0' } })).catch((e: unknown) => e);
    expect(search).toMatchObject({ name: 'RateLimitedError', deferMs: 1_000, crmCode: 'SECONDLY' });
  });

  it('given an expired OAuth token (401 EXPIRED_AUTHENTICATION), then it refreshes once and the call succeeds', async () => {
    const hs = await connector('oauth');
    const tokens = nock(API).post('/oauth/v1/token').reply(200, { token_type: 'bearer', refresh_token: 'na1-refresh', access_token: 'first', expires_in: 1800 }).post('/oauth/v1/token').reply(200, { token_type: 'bearer', refresh_token: 'na1-refresh', access_token: 'second', expires_in: 1800 });
    nock(API)
      .get('/crm/v3/properties/companies').matchHeader('authorization', 'Bearer first').reply(401, EXPIRED)
      .get('/crm/v3/properties/companies').matchHeader('authorization', 'Bearer second').reply(200, { results: [{ name: 'name', label: 'Name', type: 'string', fieldType: 'text', options: [] }] }, RATE_HEADERS);
    const schema = await hs.describe('companies');
    expect(schema.fields.map((f) => f.name)).toEqual(['name']);
    expect(tokens.isDone()).toBe(true);
    expect(await hs.budget()).toMatchObject({ used: 1_000, limit: 500_000, allowed: 450_000 });
  });

  it('given a refresh token HubSpot refuses (400 BAD_REFRESH_TOKEN), then the connection needs reconnecting', async () => {
    const hs = await connector('oauth');
    nock(API).post('/oauth/v1/token').reply(400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token', correlationId: 'y' });
    expect(await hs.describe('companies').catch((e: unknown) => e)).toBeInstanceOf(ReconnectRequiredError);
  });

  it('given a 502 from HubSpot, then one call was made (the client does not retry) and the error says retry', async () => {
    const hs = await connector();
    const api = nock(API).get('/crm/v3/properties/deals').reply(502, '<html>Bad Gateway</html>', { 'content-type': 'text/html' });
    const error = await hs.describe('deals').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmRequestError);
    expect((error as CrmRequestError).rule.disposition).toBe('retry');
    expect(api.isDone()).toBe(true);
    expect(hs.caller.calls).toBe(1);
  });

  it('given a 207 batch upsert with one invalid option, then the others succeed and that one fails alone with INVALID_OPTION', async () => {
    const hs = await connector();
    nock(API).post('/crm/v3/objects/companies/batch/upsert').reply(207, {
      status: 'COMPLETE',
      results: [{ ...company('101'), properties: { ...company('101').properties, cosell_id: 'acc_1' }, new: true }, { ...company('102'), properties: { ...company('102').properties, cosell_id: 'acc_3' }, new: false }],
      numErrors: 1,
      errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'Property values were not valid: [{"isValid":false,"message":"SPACE_PIRACY was not one of the allowed options: [label: \\"Retail\\"...","error":"INVALID_OPTION","name":"industry"}]', context: { cosell_id: ['acc_2'] } }],
      startedAt: '2025-01-01T00:00:00.000Z',
      completedAt: '2025-01-01T00:00:00.100Z',
    });
    const outcomes = await hs.upsert('companies', 'cosell_id', [1, 2, 3].map((n) => ({ externalId: `acc_${String(n)}`, fields: { name: `C${String(n)}` } })));
    expect(outcomes.map((o) => (o.ok ? `ok ${o.id} ${String(o.created)}` : `failed ${o.error.code}`))).toEqual(['ok 101 true', 'failed INVALID_OPTION', 'ok 102 false']);
  });

  it('given a batch upsert answered in a shape HubSpot does not document, then the call fails with UNEXPECTED_RESPONSE naming what was wrong', async () => {
    const hs = await connector();
    const inputs = [{ externalId: 'acc_1', fields: { name: 'C1' } }];
    nock(API).post('/crm/v3/objects/companies/batch/upsert').reply(200, { status: 'COMPLETE', results: [{ properties: { cosell_id: 'acc_1' }, new: true }] });
    const noId = await hs.upsert('companies', 'cosell_id', inputs).catch((e: unknown) => e);
    expect(noId).toBeInstanceOf(CrmRequestError);
    expect(noId).toMatchObject({ crmCode: 'UNEXPECTED_RESPONSE' });
    expect((noId as CrmRequestError).message).toContain('results.0.id');
    nock(API).post('/crm/v3/objects/companies/batch/upsert').reply(200, { status: 'COMPLETE', results: [{ id: '101', properties: ['acc_1'] }] });
    const listed = await hs.upsert('companies', 'cosell_id', inputs).catch((e: unknown) => e);
    expect(listed).toMatchObject({ crmCode: 'UNEXPECTED_RESPONSE' });
    expect((listed as CrmRequestError).message).toContain('results.0.properties: expected an object of properties');
  });

  it('given a search page that comes back empty but names a next page, then reading goes on from it', async () => {
    const hs = await connector();
    const bodies: { after: string }[] = [];
    nock(API)
      .post('/crm/v3/objects/companies/search', (body: { after: string }) => bodies.push(body) > 0).reply(200, { total: 2, results: [], paging: { next: { after: '200' } } })
      .post('/crm/v3/objects/companies/search', (body: { after: string }) => bodies.push(body) > 0).reply(200, { total: 2, results: [company('7'), company('8')] });
    const pages = await collect(hs.readChanges('companies', { fields: ['name'], since: { modifiedAt: '2024-12-31T00:00:00.000Z', id: '0' } }));
    expect(pages.flatMap((p) => p.records.map((r) => r.id))).toEqual(['7', '8']);
    expect(bodies.map((b) => b.after)).toEqual(['0', '200']);
  });
});
