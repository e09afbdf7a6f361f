import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubSpotConnector } from '../../../connectors/hubspot/hubspot-connector.js';
import type { ChangePage } from '../../../connectors/shared/crm-connector.js';
import { BudgetExhaustedError, RateLimitedError } from '../../../connectors/shared/deferral-errors.js';
import { Secret } from '../../../src/config/secret.js';
import { NO_FAULTS } from '../../../src/sandbox/fault-settings.js';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../../src/sandbox/hubspot/hubspot-sandbox.js';
import { silentLogger, testWorkspace, type TestWorkspace } from '../../helpers/test-redis.js';

let ws: TestWorkspace | undefined;
let sandbox: HubSpotSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  await ws?.cleanup();
  sandbox = undefined;
  ws = undefined;
});

const LIMITS = { dailyShare: 0.9, requestsPerTenSeconds: 10_000, searchRequestsPerSecond: 1_000 };

async function setup(auth?: 'oauth', limits = LIMITS): Promise<{ sb: HubSpotSandbox; connector: ReturnType<typeof createHubSpotConnector> }> {
  ws = await testWorkspace();
  const sb = (sandbox = await startHubSpotSandbox());
  const settings = {
    kind: 'hubspot' as const,
    baseUrl: sb.url,
    limits,
    auth:
      auth === 'oauth'
        ? { type: 'oauth' as const, clientId: sb.auth.app.clientId, clientSecret: new Secret(sb.auth.app.clientSecret, 'S'), refreshToken: new Secret(sb.auth.issueRefreshToken(), 'R') }
        : { type: 'private-app' as const, token: new Secret(sb.accessToken, 'T') },
  };
  return { sb, connector: createHubSpotConnector({ connectionId: 'northwind', settings, redis: ws.redis, prefix: ws.prefix, logger: silentLogger }) };
}

async function seed(sb: HubSpotSandbox, count: number): Promise<void> {
  for (let start = 0; start < count; start += 100) {
    const inputs = Array.from({ length: Math.min(100, count - start) }, (_, i) => ({ properties: { name: `Company ${String(start + i)}`, cosell_id: `acc_${String(start + i)}` } }));
    const response = await fetch(`${sb.url}/crm/v3/objects/companies/batch/create`, { method: 'POST', headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ inputs }) });
    if (response.status !== 201) throw new Error(`seed failed: ${String(response.status)}`);
  }
}

async function collect(pages: AsyncIterable<ChangePage>): Promise<{ ids: string[]; pages: ChangePage[] }> {
  const all: ChangePage[] = [];
  for await (const page of pages) all.push(page);
  return { ids: all.flatMap((p) => p.records.map((r) => r.id)), pages: all };
}

describe('HubSpot connector against the sandbox', () => {
  it('given no cursor, then the first load lists every record in pages and ends on a cursor at the load time', async () => {
    const { sb, connector } = await setup();
    await seed(sb, 250);
    const { ids, pages } = await collect(connector.readChanges('companies', { fields: ['name'] }));
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(pages).toHaveLength(3);
    expect(pages[0]?.records[0]?.fields.name).toBe('Company 0');
    expect(Date.parse(pages[2]?.cursor.modifiedAt ?? '')).toBeGreaterThan(0);
  });

  it('given a cursor, then only records changed since it (and its lookback) are read, through search', async () => {
    const { sb, connector } = await setup();
    sb.portal.clock.freeze(Date.UTC(2025, 0, 1));
    await seed(sb, 50);
    sb.portal.clock.advance(60_000);
    await fetch(`${sb.url}/crm/v3/objects/companies/batch/upsert`, { method: 'POST', headers: { authorization: `Bearer ${sb.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ inputs: [{ id: 'acc_7', idProperty: 'cosell_id', properties: { name: 'Changed' } }] }) });
    const since = { modifiedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, 30)).toISOString(), id: '0' };
    const { ids, pages } = await collect(connector.readChanges('companies', { fields: ['name'], since, lookbackMs: 1_000 }));
    expect(ids).toHaveLength(1);
    expect(pages[0]?.records[0]?.fields.name).toBe('Changed');
    expect(pages[0]?.cursor.modifiedAt).toBe(new Date(Date.UTC(2025, 0, 1, 0, 1)).toISOString());
  });

  it('given 10,001 records sharing one timestamp, then incremental reading gets every one past the 10,000 cap and ends', async () => {
    const { sb, connector } = await setup();
    sb.portal.clock.freeze(Date.UTC(2025, 2, 1));
    await seed(sb, 10_001);
    const since = { modifiedAt: new Date(Date.UTC(2025, 2, 1) - 1).toISOString(), id: '0' };
    const { ids } = await collect(connector.readChanges('companies', { fields: ['name'], since }));
    expect(new Set(ids).size).toBe(10_001);
    // The tie is drained by id after the cap: records read before the cap are read again (harmless), no more.
    expect(ids.length).toBeLessThanOrEqual(2 * 10_001);
  }, 120_000);

  it('given one invalid value in a batch of 100, then 99 are written and that one fails with HubSpot\'s code', async () => {
    const { sb, connector } = await setup();
    const records = Array.from({ length: 100 }, (_, i) => ({ externalId: `acc_${String(i)}`, fields: { name: `C${String(i)}`, industry: i === 13 ? 'SPACE_PIRACY' : 'RETAIL', numberofemployees: 12 } }));
    const outcomes = await connector.upsert('companies', 'cosell_id', records);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(99);
    const failed = outcomes[13];
    expect(failed).toMatchObject({ ok: false, externalId: 'acc_13', error: { code: 'INVALID_OPTION', retryable: false } });
    expect(sb.portal.stores.companies.size).toBe(99);
    const again = await connector.upsert('companies', 'cosell_id', records.slice(0, 2));
    expect(again.map((o) => o.ok && o.created)).toEqual([false, false]);
  });

  it('given the app over its 10-second limit, then the call defers with the window HubSpot names, costing no attempt', async () => {
    const { sb, connector } = await setup();
    sb.configure({ rateLimits: { perTenSeconds: 2, searchPerSecond: 5, daily: 10_000, retryAfterHeader: false } });
    await connector.readByIds('companies', ['1'], ['name']);
    await connector.readByIds('companies', ['1'], ['name']);
    const error = await connector.readByIds('companies', ['1'], ['name']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).deferMs).toBe(10_000);
  });

  it('given calls that reach HubSpot late, then each holds its window slot from its answer and the next call is not refused', async () => {
    const { sb, connector } = await setup(undefined, { ...LIMITS, requestsPerTenSeconds: 2 });
    sb.configure({ rateLimits: { perTenSeconds: 2, searchPerSecond: 5, daily: 10_000, retryAfterHeader: false }, faults: { ...NO_FAULTS, latencyMs: 700 } });
    const slotsTaken = Date.now();
    await Promise.all([connector.readByIds('companies', ['1'], ['name']), connector.readByIds('companies', ['1'], ['name'])]);
    sb.configure({ faults: NO_FAULTS });
    // HubSpot counted both calls some 700 ms after their slots were taken: a window counted from the slots
    // would let this call go at once, into HubSpot's 429.
    await sleep(slotsTaken + 10_100 - Date.now());
    const asked = Date.now();
    await connector.readByIds('companies', ['1'], ['name']);
    expect(Date.now() - asked).toBeGreaterThan(400);
  }, 20_000);

  it('given usage past the allowed share of the daily limit, then calls stop with a budget deferral', async () => {
    const { sb, connector } = await setup();
    sb.configure({ rateLimits: { perTenSeconds: 10_000, searchPerSecond: 100, daily: 10, retryAfterHeader: false } });
    for (let i = 0; i < 9; i++) await connector.readByIds('companies', ['1'], ['name']);
    expect(await connector.budget()).toMatchObject({ used: 9, limit: 10, allowed: 9 });
    await expect(connector.readByIds('companies', ['1'], ['name'])).rejects.toBeInstanceOf(BudgetExhaustedError);
  });

  it('given OAuth, then the token is refreshed when it expires mid-stream and reading goes on', async () => {
    const { sb, connector } = await setup('oauth');
    await seed(sb, 150);
    sb.configure({ accessTokenTtlMs: 6 * 60_000 });
    const pages = connector.readChanges('companies', { fields: ['name'] })[Symbol.asyncIterator]();
    const first = await pages.next();
    sb.portal.clock.advance(7 * 60_000); // the token expires between two pages
    const second = await pages.next();
    expect((first.value as ChangePage).records).toHaveLength(100);
    expect((second.value as ChangePage).records).toHaveLength(50);
  });

  it('given the properties API, then describe reports types, options, uniqueness and read-only fields', async () => {
    const { connector } = await setup();
    const schema = await connector.describe('companies');
    const field = (name: string) => schema.fields.find((f) => f.name === name);
    expect(field('industry')).toMatchObject({ type: 'picklist', restricted: true });
    expect(field('cosell_id')).toMatchObject({ externalId: true, unique: true, updateable: true });
    expect(field('hs_lastmodifieddate')).toMatchObject({ type: 'datetime', updateable: false });
  });

  it('given deals and companies, then associations v4 link each deal to its company in batches and read back; a missing record is reported, not linked', async () => {
    const { sb, connector } = await setup();
    const companies = await connector.upsert('companies', 'cosell_id', [1, 2].map((n) => ({ externalId: `acc_${String(n)}`, fields: { name: `Company ${String(n)}` } })));
    const deals = await connector.upsert('deals', 'cosell_id', [1, 2, 3].map((n) => ({ externalId: `opp_${String(n)}`, fields: { dealname: `Deal ${String(n)}`, pipeline: 'default', dealstage: 'qualifiedtobuy' } })));
    const id = (outcome: (typeof deals)[number] | undefined): string => (outcome?.ok ? outcome.id : '');
    const notLinked = await connector.associate('deals', 'companies', [
      { fromId: id(deals[0]), toId: id(companies[0]) },
      { fromId: id(deals[1]), toId: id(companies[0]) },
      { fromId: id(deals[2]), toId: id(companies[1]) },
      { fromId: id(deals[2]), toId: '999999' },
    ]);
    expect(notLinked).toEqual([{ fromId: id(deals[2]), toId: '999999' }]);
    const read = await connector.associations('companies', 'deals', [id(companies[0]), id(companies[1])]);
    expect(read.get(id(companies[0]))?.sort()).toEqual([id(deals[0]), id(deals[1])].sort());
    expect(read.get(id(companies[1]))).toEqual([id(deals[2])]);
    expect(sb.portal.associated('deals', Number(id(deals[2])), 'companies')).toEqual([Number(id(companies[1]))]);
  });
});
