// The Salesforce connector against the sandbox, next to jsforce doing the same calls with nothing around them:
// records/s read (REST query + queryMore, and Bulk API 2.0), records/s written (collections upsert by external id),
// and API calls per 1,000 records against the minimum the batch sizes allow. BENCH_SF_RECORDS (default 100,000).
import jsforce from 'jsforce';
import { pino } from 'pino';
import { createSalesforceConnector } from '../connectors/salesforce/salesforce-connector.js';
import { Secret } from '../src/config/secret.js';
import { loadSeedOrg } from '../src/sandbox/salesforce/load-seed-org.js';
import { startSalesforceSandbox } from '../src/sandbox/salesforce/salesforce-sandbox.js';
import { benchRedis, perSecond } from './lib/bench-redis.js';
import { syntheticOrg } from './lib/synthetic-org.js';

const RECORDS = Number(process.env.BENCH_SF_RECORDS ?? '100000');
const FIELDS = ['Name', 'Website', 'Industry', 'BillingCountry', 'BillingState', 'BillingCity', 'NumberOfEmployees', 'AnnualRevenue', 'Type'];
const time = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
};

const sandbox = await startSalesforceSandbox({ settings: { dailyApiLimit: 100_000_000 } });
const bench = benchRedis();
try {
  await loadSeedOrg(sandbox.org, syntheticOrg(RECORDS));
  const c = sandbox.credentials;
  const settings = (bulkThreshold: number) => ({
    kind: 'salesforce' as const,
    loginUrl: sandbox.url,
    apiVersion: '62.0',
    auth: { type: 'username-password' as const, username: c.username, password: new Secret(c.password, 'P'), securityToken: new Secret(c.securityToken, 'T'), clientId: c.clientId, clientSecret: new Secret(c.clientSecret, 'S') },
    limits: { dailyShare: 1 },
    bulkThreshold,
  });
  const connector = (bulkThreshold: number) => createSalesforceConnector({ connectionId: 'bench', settings: settings(bulkThreshold), redis: bench.redis, prefix: bench.prefix, logger: pino({ level: 'silent' }) });
  const conn = new jsforce.Connection({ loginUrl: sandbox.url, version: '62.0', oauth2: { clientId: c.clientId, clientSecret: c.clientSecret, loginUrl: sandbox.url } });
  await conn.login(c.username, c.password + c.securityToken);

  // Reads.
  const bare = await time(async () => {
    let count = 0;
    let page = await conn.query(`SELECT Id, SystemModstamp, ${FIELDS.join(', ')} FROM Account ORDER BY SystemModstamp, Id`);
    count += page.records.length;
    while (!page.done && page.nextRecordsUrl) {
      page = await conn.queryMore(page.nextRecordsUrl);
      count += page.records.length;
    }
    return count;
  });
  const rest = connector(Number.MAX_SAFE_INTEGER);
  const ours = await time(async () => {
    let count = 0;
    for await (const page of rest.readChanges('Account', { fields: FIELDS })) count += page.records.length;
    return count;
  });
  const bulk = connector(0);
  const ourBulk = await time(async () => {
    let count = 0;
    for await (const page of bulk.readChanges('Account', { fields: FIELDS })) count += page.records.length;
    return count;
  });
  console.log(`read, bare jsforce query+queryMore: ${bare.value} records, ${perSecond(bare.value, bare.ms)} records/s`);
  console.log(`read, connector (REST):             ${ours.value} records, ${perSecond(ours.value, ours.ms)} records/s, ratio ${(bare.ms / ours.ms).toFixed(2)}, ${((rest.caller.calls / ours.value) * 1000).toFixed(2)} calls per 1,000 (minimum ${(1000 / 2000).toFixed(2)} + 1 count per load)`);
  console.log(`read, connector (Bulk API 2.0):     ${ourBulk.value} records, ${perSecond(ourBulk.value, ourBulk.ms)} records/s, ${bulk.caller.calls} calls in all`);

  // Writes: upsert RECORDS/2 new accounts by external id, then the same again (updates).
  const writes = Math.floor(RECORDS / 2);
  const inputs = Array.from({ length: writes }, (_, i) => ({ externalId: `bench-${i}`, fields: { Name: `Bench ${i}`, Website: `https://bench${i}.example`, Industry: 'Technology' } }));
  const bareWrite = await time(async () => {
    for (let start = 0; start < writes; start += 200) {
      const chunk = inputs.slice(start, start + 200).map((input) => ({ attributes: { type: 'Account' }, ...input.fields, Cosell_Id__c: `bare-${input.externalId}` }));
      await conn.requestPatch('/composite/sobjects/Account/Cosell_Id__c', { allOrNone: false, records: chunk });
    }
  });
  const writer = connector(Number.MAX_SAFE_INTEGER);
  const ourWrite = await time(() => writer.upsert('Account', 'Cosell_Id__c', inputs));
  const failed = ourWrite.value.filter((o) => !o.ok).length;
  console.log(`write, bare collections upsert:     ${writes} records, ${perSecond(writes, bareWrite.ms)} records/s`);
  console.log(`write, connector upsert:            ${writes} records, ${perSecond(writes, ourWrite.ms)} records/s, ratio ${(bareWrite.ms / ourWrite.ms).toFixed(2)}, ${failed} failed, ${((writer.caller.calls / writes) * 1000).toFixed(2)} calls per 1,000 (minimum 5.00)`);
} finally {
  await sandbox.close();
  await bench.cleanup();
}
