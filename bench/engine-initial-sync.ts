// Initial sync through the whole engine (queues, canonical store, crosswalk, hashes, write-back batches):
// BENCH_SYNC_RECORDS accounts (default 100,000) from a sandbox Salesforce vendor to a sandbox HubSpot partner,
// next to the bare clients doing the same reads (jsforce query + queryMore) and writes (batch upsert, 100 a call).
// Then the incremental pass with 1% of the accounts changed: write calls made vs the minimum.
import { Client } from '@hubspot/api-client';
import jsforce from 'jsforce';
import { loadSeedOrg } from '../src/sandbox/salesforce/load-seed-org.js';
import { startHubSpotSandbox } from '../src/sandbox/hubspot/hubspot-sandbox.js';
import { startEngineBench, syncVendorAccounts } from './lib/engine-bench-harness.js';
import { perSecond } from './lib/bench-redis.js';
import { syntheticOrg } from './lib/synthetic-org.js';

const RECORDS = Number(process.env.BENCH_SYNC_RECORDS ?? '100000');
const h = await startEngineBench();
const bareTarget = await startHubSpotSandbox();
try {
  await loadSeedOrg(h.vendor.org, syntheticOrg(RECORDS));

  // Bare: the same reads and writes, nothing in between.
  const c = h.vendor.credentials;
  const conn = new jsforce.Connection({ loginUrl: h.vendor.url, version: '62.0', oauth2: { clientId: c.clientId, clientSecret: c.clientSecret, loginUrl: h.vendor.url } });
  await conn.login(c.username, c.password + c.securityToken);
  const hubspot = new Client({ accessToken: bareTarget.accessToken, basePath: bareTarget.url, numberOfApiCallRetries: 0 });
  const bareStarted = performance.now();
  let page = await conn.query<{ Id: string; Name: string; Website: string | null }>('SELECT Id, SystemModstamp, Name, Website, Industry, BillingCountry, BillingState, BillingCity, NumberOfEmployees, AnnualRevenue, Type, Owner.Email, Owner.Name, Cosell_Id__c FROM Account ORDER BY SystemModstamp, Id');
  for (;;) {
    for (let start = 0; start < page.records.length; start += 100) {
      const inputs = page.records.slice(start, start + 100).map((r) => ({ id: r.Id, idProperty: 'cosell_id', properties: { name: r.Name, website: r.Website ?? '' } }));
      await hubspot.crm.companies.batchApi.upsert({ inputs });
    }
    if (page.done || !page.nextRecordsUrl) break;
    page = await conn.queryMore(page.nextRecordsUrl);
  }
  const bareMs = performance.now() - bareStarted;

  const engineStarted = performance.now();
  const { writtenAt, idleAt } = await syncVendorAccounts(h);
  const engineMs = writtenAt - engineStarted;
  const written = h.partner.portal.stores.companies.size;
  console.log(`initial sync, bare clients: ${RECORDS} accounts in ${(bareMs / 1000).toFixed(1)} s = ${perSecond(RECORDS, bareMs)} records/s`);
  console.log(`initial sync, engine:       ${written} accounts written in ${(engineMs / 1000).toFixed(1)} s = ${perSecond(RECORDS, engineMs)} records/s; ratio to bare ${(bareMs / engineMs).toFixed(2)} (write-back queue idle ${((idleAt - writtenAt) / 1000).toFixed(1)} s later)`);

  // Incremental: 1% changed in the vendor org.
  const changed = Math.max(1, Math.floor(RECORDS / 100));
  const ids = h.vendor.store.ids('Account');
  for (let i = 0; i < changed; i += 1) h.vendor.store.update('Account', ids[i * 100] ?? '', { Name: `Renamed ${String(i)}` });
  const before = (await h.runtime.stores.runs.latest(1_000)).filter((r) => r.trigger === 'write-back').reduce((n, r) => n + r.counts.apiCalls, 0);
  const incStarted = performance.now();
  await syncVendorAccounts(h);
  const incMs = performance.now() - incStarted;
  const runs = (await h.runtime.stores.runs.latest(1_000)).filter((r) => r.trigger === 'write-back');
  const calls = runs.reduce((n, r) => n + r.counts.apiCalls, 0) - before;
  console.log(`incremental, ${changed} changed (1%): ${calls} write calls (minimum ${Math.ceil(changed / 100)}), ${(incMs / 1000).toFixed(2)} s`);
} finally {
  await bareTarget.close();
  await h.close();
}
