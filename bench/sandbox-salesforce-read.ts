// Read throughput of the Salesforce sandbox through the real jsforce client over loopback HTTP: REST query paging
// (query + queryMore, 2,000 records a page), incremental keyset paging by (SystemModstamp, Id), and a Bulk API 2.0
// query job. BENCH_SF_RECORDS sets the account count (default 100,000).
import jsforce from 'jsforce';
import { loadSeedOrg } from '../src/sandbox/salesforce/load-seed-org.js';
import { startSalesforceSandbox } from '../src/sandbox/salesforce/salesforce-sandbox.js';
import { syntheticOrg } from './lib/synthetic-org.js';

const RECORDS = Number(process.env.BENCH_SF_RECORDS ?? '100000');
const FIELDS = 'Id, Name, Website, Industry, BillingCountry, BillingState, BillingCity, NumberOfEmployees, AnnualRevenue, Type, Owner.Email, SystemModstamp';

async function main(): Promise<void> {
  const sandbox = await startSalesforceSandbox({ settings: { dailyApiLimit: 10_000_000 } });
  const loadStarted = performance.now();
  await loadSeedOrg(sandbox.org, syntheticOrg(RECORDS));
  console.log(`loaded ${RECORDS} accounts in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);

  const { username, password, securityToken, clientId, clientSecret } = sandbox.credentials;
  const conn = new jsforce.Connection({ loginUrl: sandbox.url, version: '62.0', oauth2: { clientId, clientSecret, loginUrl: sandbox.url } });
  await conn.login(username, password + securityToken);

  let started = performance.now();
  const all = await conn.query(`SELECT ${FIELDS} FROM Account`, { autoFetch: true, maxFetch: RECORDS + 1 });
  let seconds = (performance.now() - started) / 1000;
  console.log(`REST query + queryMore: ${all.records.length} records in ${seconds.toFixed(2)} s = ${Math.round(all.records.length / seconds)} records/s`);

  started = performance.now();
  let read = 0;
  let cursor = { stamp: '1970-01-01T00:00:00Z', id: '000000000000000AAA' };
  for (;;) {
    const page = await conn.query<{ Id: string; SystemModstamp: string }>(
      `SELECT ${FIELDS} FROM Account WHERE SystemModstamp > ${cursor.stamp} OR (SystemModstamp = ${cursor.stamp} AND Id > '${cursor.id}') ORDER BY SystemModstamp, Id LIMIT 2000`,
    );
    const last = page.records.at(-1);
    if (!last) break;
    read += page.records.length;
    cursor = { stamp: last.SystemModstamp.replace('+0000', 'Z'), id: last.Id };
  }
  seconds = (performance.now() - started) / 1000;
  console.log(`keyset paging (SystemModstamp, Id): ${read} records in ${seconds.toFixed(2)} s = ${Math.round(read / seconds)} records/s`);

  started = performance.now();
  const stream = await conn.bulk2.query(`SELECT ${FIELDS.replace(', Owner.Email', '')} FROM Account`);
  const bulkRecords = await stream.toArray();
  seconds = (performance.now() - started) / 1000;
  console.log(`Bulk API 2.0 query: ${bulkRecords.length} records in ${seconds.toFixed(2)} s = ${Math.round(bulkRecords.length / seconds)} records/s`);
  console.log(`API requests used: ${sandbox.apiUsage().used}`);
  await sandbox.close();
}

await main();
