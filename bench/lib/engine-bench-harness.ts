// An engine in this process between a sandbox Salesforce vendor and a sandbox HubSpot partner, for the benchmarks.
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import type { ResolvedWorkspace } from '../../src/config/load-workspace.js';
import { Secret } from '../../src/config/secret.js';
import { engineProcessors } from '../../src/engine/engine-processors.js';
import { createEngineRuntime, type EngineRuntime } from '../../src/engine/engine-runtime.js';
import { productConnectorFactory } from '../../src/engine/product-connector-factory.js';
import { loadMappings } from '../../src/mappings/load-mappings.js';
import { JobQueue } from '../../src/queues/job-queue.js';
import { ingestQueue } from '../../src/queues/queue-catalog.js';
import { startWorkers, type RunningWorkers } from '../../src/runtime/worker-process.js';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../src/sandbox/hubspot/hubspot-sandbox.js';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../src/sandbox/salesforce/salesforce-sandbox.js';
import { benchRedis, type BenchRedis } from './bench-redis.js';

export interface EngineBench {
  vendor: SalesforceSandbox;
  partner: HubSpotSandbox;
  bench: BenchRedis;
  runtime: EngineRuntime;
  workers: RunningWorkers;
  ingest: JobQueue<typeof ingestQueue.payload>;
  close(): Promise<void>;
}

export interface EngineBenchOptions {
  /** HubSpot's per-10-second request limit, enforced by the sandbox and known to the connector. */
  hubspotPerTenSeconds?: number;
}

export async function startEngineBench(options: EngineBenchOptions = {}): Promise<EngineBench> {
  const perTen = options.hubspotPerTenSeconds ?? 100_000;
  const vendor = await startSalesforceSandbox({ settings: { dailyApiLimit: 100_000_000 } });
  const partner = await startHubSpotSandbox({ settings: { rateLimits: { perTenSeconds: perTen, searchPerSecond: 10_000, daily: 100_000_000, retryAfterHeader: false } } });
  const bench = benchRedis();
  const c = vendor.credentials;
  const workspace: Pick<ResolvedWorkspace, 'vendor' | 'partners'> = {
    vendor: {
      name: 'Vendor',
      connection: { kind: 'salesforce', loginUrl: vendor.url, apiVersion: '62.0', auth: { type: 'username-password', username: c.username, password: new Secret(c.password, 'P'), securityToken: new Secret(c.securityToken, 'T'), clientId: c.clientId, clientSecret: new Secret(c.clientSecret, 'S') }, limits: { dailyShare: 1 }, bulkThreshold: Number(process.env.BENCH_BULK_THRESHOLD ?? '50000') },
    },
    partners: [{ id: 'northwind', name: 'Northwind', persona: 'si', tier: 'gold', region: 'emea', connection: { kind: 'hubspot', baseUrl: partner.url, auth: { type: 'private-app', token: new Secret(partner.accessToken, 'T') }, limits: { dailyShare: 1, requestsPerTenSeconds: perTen, searchRequestsPerSecond: 1_000 } }, sharing: { share: 'all', fields: ['name', 'website'] } }],
  };
  const logger = pino({ level: 'silent' });
  let runtime: EngineRuntime | undefined;
  const mappings = await loadMappings('mappings');
  const workers = await startWorkers({
    workspace: { workspace: { id: bench.prefix.slice(8, -1), name: 'bench' }, redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } },
    logger,
    shutdownDeadlineMs: 5_000,
    processors: ({ redis, connection }) => {
      runtime = createEngineRuntime({ workspace, mappings, connectorFactory: productConnectorFactory, redis, connection, logger, settings: { coalesceMs: 200, lookbackMs: 0 } });
      return Promise.resolve({ processors: engineProcessors(runtime), close: () => runtime?.close() ?? Promise.resolve() });
    },
  });
  if (!runtime) throw new Error('engine did not start');
  const ingest = new JobQueue(ingestQueue, workers.connection);
  return {
    vendor,
    partner,
    bench,
    runtime,
    workers,
    ingest,
    async close() {
      await workers.stop();
      await ingest.close();
      await vendor.close();
      await partner.close();
      await bench.cleanup();
    },
  };
}

/**
 * One ingest pass of the vendor's accounts through the queues, then until every record it queued is written:
 * nothing left pending (a record leaves only once its write is committed). Returns that moment
 * (`performance.now()`), then waits until the write-back queue is idle too, which can take a little longer:
 * flush jobs that found a pass running were deferred, and they still run, find nothing and finish. The next
 * sync starts from a quiet engine.
 */
export async function syncVendorAccounts(h: EngineBench): Promise<{ writtenAt: number; idleAt: number }> {
  const jobId = await h.ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
  for (;;) {
    const state = await h.ingest.queue.getJobState(jobId);
    if (state === 'completed') break;
    if (state === 'failed') throw new Error(`ingest failed: ${(await h.ingest.queue.getJob(jobId))?.failedReason ?? ''}`);
    await sleep(20);
  }
  while ((await h.runtime.stores.pending.count('northwind', 'account')) > 0) await sleep(20);
  const writtenAt = performance.now();
  for (;;) {
    const counts = await h.runtime.writeBack.queue.getJobCounts('waiting', 'active', 'delayed');
    const pending = await h.runtime.stores.pending.count('northwind', 'account');
    if ((counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) + pending === 0) return { writtenAt, idleAt: performance.now() };
    await sleep(20);
  }
}
