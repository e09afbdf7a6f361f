// The bare clients' initial sync, the yardstick of the engine benchmarks: jsforce reads the sandbox vendor's
// accounts (query + queryMore) and @hubspot/api-client upserts them into the empty "bare" sandbox HubSpot,
// 100 a call, one call at a time, with nothing in between: no state, no queue, no mapping.
import { Client } from '@hubspot/api-client';
import jsforce from 'jsforce';
import { perSecond } from './bench-redis.js';
import { cpuMeter } from './process-cpu.js';
import type { RemoteSandboxes } from './remote-sandboxes.js';

/** The Account fields both bare syncs read: those the engine's shipped mapping reads. */
export const BARE_FIELDS = 'Id, SystemModstamp, Name, Website, Industry, BillingCountry, BillingState, BillingCity, NumberOfEmployees, AnnualRevenue, Type, Owner.Email, Owner.Name, Cosell_Id__c';

/** What a bare sync needs of the sandboxes: plain data, so it can run in a process of its own (bare-in-child.ts). */
export type BareSandboxes = Pick<RemoteSandboxes, 'vendor' | 'bare' | 'bareBulk' | 'pids'>;

export interface BareSync {
  ms: number;
  /** CPU seconds the bare clients, Redis and the sandboxes spent (cpuMeter's line). */
  cpu: string;
}

export async function bareSync(sandboxes: BareSandboxes, redisPids: readonly number[]): Promise<BareSync> {
  const c = sandboxes.vendor.credentials;
  const conn = new jsforce.Connection({ loginUrl: sandboxes.vendor.url, version: '62.0', oauth2: { clientId: c.clientId, clientSecret: c.clientSecret, loginUrl: sandboxes.vendor.url } });
  await conn.login(c.username, c.password + c.securityToken);
  const hubspot = new Client({ accessToken: sandboxes.bare.accessToken, basePath: sandboxes.bare.url, numberOfApiCallRetries: 0 });
  const cpu = cpuMeter({ 'bare clients': [process.pid], redis: redisPids, sandboxes: sandboxes.pids });
  const started = performance.now();
  let page = await conn.query<{ Id: string; Name: string; Website: string | null }>(`SELECT ${BARE_FIELDS} FROM Account ORDER BY SystemModstamp, Id`);
  for (;;) {
    for (let start = 0; start < page.records.length; start += 100) {
      const inputs = page.records.slice(start, start + 100).map((r) => ({ id: r.Id, idProperty: 'cosell_id', properties: { name: r.Name, website: r.Website ?? '' } }));
      await hubspot.crm.companies.batchApi.upsert({ inputs });
    }
    if (page.done || !page.nextRecordsUrl) break;
    page = await conn.queryMore(page.nextRecordsUrl);
  }
  const ms = performance.now() - started;
  return { ms, cpu: cpu() };
}

/** The bare syncs' lines of a benchmark's output: the REST one, then the one making the engine's own calls. */
export function bareLines(records: number, rest: BareSync, bulk: BareSync): string[] {
  return [
    `initial sync, bare clients: ${String(records)} accounts in ${(rest.ms / 1000).toFixed(1)} s = ${perSecond(records, rest.ms)} records/s; ${rest.cpu}`,
    `  the same, making the engine's calls (Bulk API 2.0 query): ${(bulk.ms / 1000).toFixed(1)} s = ${perSecond(records, bulk.ms)} records/s; ${bulk.cpu}`,
  ];
}
