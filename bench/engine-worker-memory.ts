// Peak memory of a `cosell worker` process (a child process, as in production) while it syncs BENCH_MEMORY_RECORDS
// accounts (default 1,000,000) from a sandbox Salesforce vendor to a sandbox HubSpot partner. The sandboxes run in
// this process; the figures are the worker's own peak resident set (VmHWM) and its resident set (VmRSS) as each
// quarter of the accounts lands in HubSpot, read from /proc.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { JobQueue } from '../src/queues/job-queue.js';
import { ingestQueue, matchQueue, writeBackQueue } from '../src/queues/queue-catalog.js';
import { openStores } from '../src/engine/engine-context.js';
import { loadSeedOrg } from '../src/sandbox/salesforce/load-seed-org.js';
import { startHubSpotSandbox } from '../src/sandbox/hubspot/hubspot-sandbox.js';
import { startSalesforceSandbox } from '../src/sandbox/salesforce/salesforce-sandbox.js';
import { benchRedis } from './lib/bench-redis.js';
import { syntheticOrg } from './lib/synthetic-org.js';

const RECORDS = Number(process.env.BENCH_MEMORY_RECORDS ?? '1000000');
const vendor = await startSalesforceSandbox({ settings: { dailyApiLimit: 100_000_000 } });
const partner = await startHubSpotSandbox();
const bench = benchRedis();
const dir = await mkdtemp(join(tmpdir(), 'cosell-memory-'));
const workspaceId = bench.prefix.slice(8, -1);
const c = vendor.credentials;
try {
  const loadStarted = performance.now();
  await loadSeedOrg(vendor.org, syntheticOrg(RECORDS));
  console.log(`vendor org loaded with ${RECORDS} accounts in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s`);
  const file = join(dir, 'cosell.yaml');
  await writeFile(file, stringify({
    version: 1,
    workspace: { id: workspaceId, name: 'memory bench' },
    redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    vendor: { name: 'Vendor', connection: { kind: 'salesforce', loginUrl: vendor.url, apiVersion: '62.0', auth: { type: 'username-password', username: c.username, password: { env: 'BENCH_SF_PASSWORD' }, securityToken: { env: 'BENCH_SF_TOKEN' }, clientId: c.clientId, clientSecret: { env: 'BENCH_SF_SECRET' } }, limits: { dailyShare: 1 } } },
    partners: [{ id: 'northwind', name: 'Northwind', persona: 'si', tier: 'gold', region: 'emea', connection: { kind: 'hubspot', baseUrl: partner.url, auth: { type: 'private-app', token: { env: 'BENCH_HS_TOKEN' } }, limits: { dailyShare: 1, requestsPerTenSeconds: 100_000, searchRequestsPerSecond: 1_000 } }, sharing: { share: 'all', fields: ['name', 'website'] } }],
    logging: { level: 'warn' },
  }));
  const worker = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '-c', file], {
    env: { ...process.env, BENCH_SF_PASSWORD: c.password, BENCH_SF_TOKEN: c.securityToken, BENCH_SF_SECRET: c.clientSecret, BENCH_HS_TOKEN: partner.accessToken },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const pid = worker.pid ?? 0;
  const status = async (field: 'VmHWM' | 'VmRSS'): Promise<number> => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(await readFile(`/proc/${String(pid)}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const peak = (): Promise<number> => status('VmHWM');
  // Flat memory means the same resident set a quarter of the way through as at the end: sampled as records land.
  const quarters: number[] = [];
  await sleep(3_000);
  const connection = { connection: bench.redis, prefix: bench.prefix };
  const ingest = new JobQueue(ingestQueue, connection);
  const writeBack = new JobQueue(writeBackQueue, connection);
  const match = new JobQueue(matchQueue, connection);
  const stores = openStores(bench.redis, bench.prefix);
  const started = performance.now();
  const jobId = await ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
  let ingestDone = 0;
  for (;;) {
    const state = await ingest.queue.getJobState(jobId);
    if (state === 'failed') throw new Error(`ingest failed: ${(await ingest.queue.getJob(jobId))?.failedReason ?? ''}`);
    if (state === 'completed' && ingestDone === 0) ingestDone = performance.now();
    while (quarters.length < 4 && partner.portal.stores.companies.size >= (RECORDS * (quarters.length + 1)) / 4) quarters.push(await status('VmRSS'));
    const counts = await writeBack.queue.getJobCounts('waiting', 'active', 'delayed');
    const pending = await stores.pending.count('northwind', 'account');
    if (state === 'completed' && (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) + pending === 0) break;
    await sleep(500);
  }
  const seconds = (performance.now() - started) / 1000;
  const syncPeak = await peak();
  // Then account mapping, which waits for the sync's writes: until no run is queued or running and its
  // write-back to the vendor's accounts is done.
  for (;;) {
    const counts = await match.queue.getJobCounts('waiting', 'active', 'delayed');
    const written = await writeBack.queue.getJobCounts('waiting', 'active', 'delayed');
    const pending = await stores.pending.count('vendor', 'account');
    if (Object.values(counts).concat(Object.values(written)).every((n) => n === 0) && pending === 0) break;
    await sleep(500);
  }
  const mappedSeconds = (performance.now() - started) / 1000;
  console.log(`worker synced ${partner.portal.stores.companies.size} of ${RECORDS} accounts in ${seconds.toFixed(0)} s (${Math.round(RECORDS / seconds)} records/s; reading done at ${((ingestDone - started) / 1000).toFixed(0)} s); worker peak RSS ${syncPeak.toFixed(0)} MiB, RSS at 25/50/75/100 % written ${quarters.map((q) => q.toFixed(0)).join(' / ')} MiB; account mapping done at ${mappedSeconds.toFixed(0)} s, peak RSS then ${(await peak()).toFixed(0)} MiB`);
  worker.kill('SIGTERM');
  await new Promise((resolve) => worker.once('exit', resolve));
  await ingest.close();
  await writeBack.close();
  await match.close();
} finally {
  await vendor.close();
  await partner.close();
  await bench.cleanup();
  await rm(dir, { recursive: true, force: true });
}
