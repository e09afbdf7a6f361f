// Read throughput of the HubSpot sandbox over loopback HTTP, BENCH_HS_SANDBOX_RECORDS companies (default 100,000):
// list paging (100 a page) through @hubspot/api-client and through plain fetch (the server alone), search paging
// (200 a page, below the 10,000 cap), and how fast the seed generator makes companies.
import { Client } from '@hubspot/api-client';
import { startHubSpotSandbox } from '../src/sandbox/hubspot/hubspot-sandbox.js';
import { loadSeedPortal } from '../src/sandbox/hubspot/load-seed-portal.js';
import { generateSeedOrg } from '../src/sandbox/seed/generate-seed-org.js';
import { perSecond } from './lib/bench-redis.js';

const RECORDS = Number(process.env.BENCH_HS_SANDBOX_RECORDS ?? '100000');
const PROPERTIES = 'name,domain,website,industry,country,city,numberofemployees,annualrevenue,lifecyclestage';

let started = performance.now();
let generated = 0;
for (const company of generateSeedOrg({ seed: 1, kind: 'vendor', companies: 1_000_000 }).companies()) generated += company.key.length > 0 ? 1 : 0;
console.log(`seed generator: ${generated} companies in ${((performance.now() - started) / 1000).toFixed(2)} s = ${perSecond(generated, performance.now() - started)} companies/s`);

const sandbox = await startHubSpotSandbox();
try {
  started = performance.now();
  await loadSeedPortal(sandbox, generateSeedOrg({ seed: 1, kind: 'vendor', companies: RECORDS, opportunitiesPerCompany: 0 }));
  console.log(`loaded ${RECORDS} companies in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const client = new Client({ accessToken: sandbox.accessToken, basePath: sandbox.url, numberOfApiCallRetries: 0 });

  started = performance.now();
  let read = 0;
  let after: string | undefined;
  do {
    const page = await client.crm.companies.basicApi.getPage(100, after, PROPERTIES.split(','));
    read += page.results.length;
    after = page.paging?.next?.after;
  } while (after !== undefined);
  console.log(`list paging, @hubspot/api-client: ${read} records, ${perSecond(read, performance.now() - started)} records/s`);

  started = performance.now();
  read = 0;
  after = undefined;
  do {
    const response = await fetch(`${sandbox.url}/crm/v3/objects/companies?limit=100&properties=${PROPERTIES}${after ? `&after=${after}` : ''}`, { headers: { authorization: `Bearer ${sandbox.accessToken}` } });
    const page = (await response.json()) as { results: unknown[]; paging?: { next?: { after: string } } };
    read += page.results.length;
    after = page.paging?.next?.after;
  } while (after !== undefined);
  console.log(`list paging, plain fetch:        ${read} records, ${perSecond(read, performance.now() - started)} records/s`);

  started = performance.now();
  read = 0;
  for (let offset = 0; offset < Math.min(RECORDS, 9_800); offset += 200) {
    const page = await client.crm.companies.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE' as never, value: '0' }] }], sorts: ['hs_lastmodifieddate'], properties: PROPERTIES.split(','), limit: 200, after: String(offset) });
    read += page.results.length;
  }
  console.log(`search paging (200 a page):      ${read} records, ${perSecond(read, performance.now() - started)} records/s`);
} finally {
  await sandbox.close();
}
