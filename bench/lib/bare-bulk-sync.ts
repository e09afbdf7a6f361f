// The bare clients' initial sync making the engine's own calls: what the engine's first load of more than
// `bulkThreshold` accounts asks Salesforce (a Bulk API 2.0 query job, its state, its CSV results 2,000 rows first
// and then 50,000 a call, the job deleted) through jsforce's HTTP layer, parsed with the same CSV parser, and the
// same upserts into an empty sandbox HubSpot, 100 a call, one call at a time: no state, no queue, no mapping.
// The job is asked for its state again at once until complete (the engine waits 0.5 s between asks; the sandbox
// completes a job as it is made, so neither waits).
import { Client } from '@hubspot/api-client';
import jsforce from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api.js';
import Papa from 'papaparse';
import { BARE_FIELDS, type BareSandboxes, type BareSync } from './bare-sync.js';
import { cpuMeter } from './process-cpu.js';

export async function bareBulkSync(sandboxes: BareSandboxes, redisPids: readonly number[]): Promise<BareSync> {
  const c = sandboxes.vendor.credentials;
  const conn = new jsforce.Connection({ loginUrl: sandboxes.vendor.url, version: '62.0', oauth2: { clientId: c.clientId, clientSecret: c.clientSecret, loginUrl: sandboxes.vendor.url } });
  await conn.login(c.username, c.password + c.securityToken);
  const hubspot = new Client({ accessToken: sandboxes.bareBulk.accessToken, basePath: sandboxes.bareBulk.url, numberOfApiCallRetries: 0 });
  const base = `${conn.instanceUrl}/services/data/v62.0/jobs/query`;
  const cpu = cpuMeter({ 'bare clients': [process.pid], redis: redisPids, sandboxes: sandboxes.pids });
  const started = performance.now();
  const job = await conn.request<{ id: string }>({ method: 'POST', url: base, body: JSON.stringify({ operation: 'query', query: `SELECT ${BARE_FIELDS} FROM Account` }), headers: { 'content-type': 'application/json' } });
  for (;;) {
    const { state } = await conn.request<{ state: string }>({ method: 'GET', url: `${base}/${job.id}` });
    if (state === 'JobComplete') break;
    if (state === 'Failed' || state === 'Aborted') throw new Error(`the bare sync's Bulk API 2.0 query job ${job.id} ended ${state}`);
  }
  let locator: string | undefined;
  let maxRecords = 2_000;
  do {
    const page = await readResults(conn, `${base}/${job.id}/results?${new URLSearchParams({ maxRecords: String(maxRecords), ...(locator ? { locator } : {}) }).toString()}`);
    locator = page.locator;
    maxRecords = 50_000;
    const [names, ...rows] = Papa.parse<string[]>(page.csv, { delimiter: ',', skipEmptyLines: true, dynamicTyping: false, header: false }).data;
    const id = names?.indexOf('Id') ?? -1;
    const name = names?.indexOf('Name') ?? -1;
    const website = names?.indexOf('Website') ?? -1;
    for (let start = 0; start < rows.length; start += 100) {
      const inputs = rows.slice(start, start + 100).map((row) => ({ id: row[id] ?? '', idProperty: 'cosell_id', properties: { name: row[name] ?? '', website: row[website] ?? '' } }));
      await hubspot.crm.companies.batchApi.upsert({ inputs });
    }
  } while (locator !== undefined);
  await conn.request({ method: 'DELETE', url: `${base}/${job.id}` });
  const ms = performance.now() - started;
  return { ms, cpu: cpu() };
}

/** One results call: the CSV text and where the next page starts (jsforce's `conn.request` hides the header). */
async function readResults(conn: jsforce.Connection, url: string): Promise<{ csv: string; locator: string | undefined }> {
  const api = new HttpApi(conn, { responseType: 'text/plain' });
  let locator: string | undefined;
  api.on('response', (response: { headers: Record<string, string | undefined> }) => {
    const next = response.headers['sforce-locator'];
    locator = next && next !== 'null' ? next : undefined;
  });
  const csv = await api.request<string>({ method: 'GET', url, headers: { Accept: 'text/csv' } });
  return { csv: typeof csv === 'string' ? csv : '', locator };
}
