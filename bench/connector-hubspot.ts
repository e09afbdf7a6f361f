// The HubSpot connector against the sandbox, next to @hubspot/api-client doing the same calls with nothing around
// them: records/s read (list API, 100 a page), records/s written (batch upsert by idProperty, 100 a call), API calls
// per 1,000 records against the minimum. BENCH_HS_RECORDS (default 50,000).
import { Client } from '@hubspot/api-client';
import { pino } from 'pino';
import { createHubSpotConnector } from '../connectors/hubspot/hubspot-connector.js';
import { Secret } from '../src/config/secret.js';
import { startHubSpotSandbox } from '../src/sandbox/hubspot/hubspot-sandbox.js';
import { createRecord } from '../src/sandbox/hubspot/record-writes.js';
import { benchRedis, perSecond } from './lib/bench-redis.js';

const RECORDS = Number(process.env.BENCH_HS_RECORDS ?? '50000');
const PROPERTIES = ['name', 'domain', 'website', 'industry', 'country', 'state', 'city', 'numberofemployees', 'annualrevenue'];
const time = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
};

const sandbox = await startHubSpotSandbox();
const bench = benchRedis();
try {
  for (let i = 0; i < RECORDS; i += 1) {
    createRecord(sandbox.portal, sandbox.portal.stores.companies, { name: `Company ${i}`, domain: `company${i}.example`, website: `https://www.company${i}.example`, industry: 'COMPUTER_SOFTWARE', country: 'Germany', city: 'Berlin', numberofemployees: String(100 + i), annualrevenue: String(1_000_000 + i) });
  }
  const client = new Client({ accessToken: sandbox.accessToken, basePath: sandbox.url, numberOfApiCallRetries: 0 });
  const connector = createHubSpotConnector({
    connectionId: 'bench',
    settings: { kind: 'hubspot', baseUrl: sandbox.url, auth: { type: 'private-app', token: new Secret(sandbox.accessToken, 'T') }, limits: { dailyShare: 1, requestsPerTenSeconds: 1_000_000, searchRequestsPerSecond: 10_000 } },
    redis: bench.redis,
    prefix: bench.prefix,
    logger: pino({ level: 'silent' }),
  });

  const bare = await time(async () => {
    let count = 0;
    let after: string | undefined;
    do {
      const page = await client.crm.companies.basicApi.getPage(100, after, PROPERTIES);
      count += page.results.length;
      after = page.paging?.next?.after;
    } while (after !== undefined);
    return count;
  });
  const ours = await time(async () => {
    let count = 0;
    for await (const page of connector.readChanges('companies', { fields: PROPERTIES })) count += page.records.length;
    return count;
  });
  const readCalls = connector.caller.calls;
  console.log(`read, bare client list paging: ${bare.value} records, ${perSecond(bare.value, bare.ms)} records/s`);
  console.log(`read, connector first load:    ${ours.value} records, ${perSecond(ours.value, ours.ms)} records/s, ratio ${(bare.ms / ours.ms).toFixed(2)}, ${((readCalls / ours.value) * 1000).toFixed(2)} calls per 1,000 (minimum 10.00)`);

  const writes = Math.floor(RECORDS / 2);
  const inputs = Array.from({ length: writes }, (_, i) => ({ externalId: `bench-${i}`, fields: { name: `Bench ${i}`, website: `https://bench${i}.example` } }));
  const bareWrite = await time(async () => {
    for (let start = 0; start < writes; start += 100) {
      const chunk = inputs.slice(start, start + 100).map((input) => ({ id: `bare-${input.externalId}`, idProperty: 'cosell_id', properties: input.fields }));
      await client.crm.companies.batchApi.upsert({ inputs: chunk });
    }
  });
  const ourWrite = await time(() => connector.upsert('companies', 'cosell_id', inputs));
  const writeCalls = connector.caller.calls - readCalls;
  console.log(`write, bare client batch upsert: ${writes} records, ${perSecond(writes, bareWrite.ms)} records/s`);
  console.log(`write, connector upsert:         ${writes} records, ${perSecond(writes, ourWrite.ms)} records/s, ratio ${(bareWrite.ms / ourWrite.ms).toFixed(2)}, ${ourWrite.value.filter((o) => !o.ok).length} failed, ${((writeCalls / writes) * 1000).toFixed(2)} calls per 1,000 (minimum 10.00)`);
} finally {
  await sandbox.close();
  await bench.cleanup();
}
