import { createHubSpotConnector } from '../../connectors/hubspot/hubspot-connector.js';
import type { ResolvedWorkspace } from '../../src/config/load-workspace.js';
import { Secret } from '../../src/config/secret.js';
import type { ConnectorFactory } from '../../src/engine/connector-factory.js';
import { engineProcessors } from '../../src/engine/engine-processors.js';
import { createEngineRuntime, type EngineRuntime, type EngineSettings } from '../../src/engine/engine-runtime.js';
import { loadMappings } from '../../src/mappings/load-mappings.js';
import { JobQueue } from '../../src/queues/job-queue.js';
import { ingestQueue } from '../../src/queues/queue-catalog.js';
import { startWorkers, type RunningWorkers } from '../../src/runtime/worker-process.js';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../src/sandbox/hubspot/hubspot-sandbox.js';
import { silentLogger, testWorkspace, waitFor, type TestWorkspace } from './test-redis.js';

const LIMITS = { dailyShare: 1, requestsPerTenSeconds: 10_000, searchRequestsPerSecond: 1_000 };

export interface Harness {
  ws: TestWorkspace;
  vendor: HubSpotSandbox;
  partner: HubSpotSandbox;
  /** Every partner portal by partner id (`partner` is the first, northwind). */
  partners: Map<string, HubSpotSandbox>;
  runtime: EngineRuntime;
  workers: RunningWorkers;
  ingest: JobQueue<typeof ingestQueue.payload>;
}
export async function closeHarness(harness: Harness): Promise<void> {
  await harness.workers.stop();
  await harness.ingest.close();
  await harness.runtime.close();
  await harness.vendor.close();
  for (const partner of harness.partners.values()) await partner.close();
  await harness.ws.cleanup();
}

const connection = (sb: HubSpotSandbox) => ({ kind: 'hubspot' as const, baseUrl: sb.url, limits: LIMITS, auth: { type: 'private-app' as const, token: new Secret(sb.accessToken, 'T') } });

/**
 * Two sandbox HubSpot portals (vendor and partner "northwind", sharing all accounts) and a running engine, with the
 * test mappings unless `options.mappings` names another folder (`mappings`: the shipped ones, overlap fields included).
 */
export async function startHarness(partnerIds: readonly string[] = ['northwind'], settings: Partial<EngineSettings> = {}, options: { mappings?: string } = {}): Promise<Harness> {
  const ws = await testWorkspace();
  const vendor = await startHubSpotSandbox();
  const partners = new Map<string, HubSpotSandbox>();
  for (const id of partnerIds) partners.set(id, await startHubSpotSandbox());
  const partner = partners.get(partnerIds[0] ?? 'northwind');
  if (!partner) throw new Error('the harness needs at least one partner');
  const workspace: Pick<ResolvedWorkspace, 'vendor' | 'partners'> = {
    vendor: { name: 'Acme Cloud', connection: connection(vendor) },
    partners: [...partners].map(([id, sb]) => ({ id, name: id, persona: 'reseller' as const, tier: 'gold', region: 'emea', connection: connection(sb), sharing: { share: 'all' as const, fields: ['name', 'website', 'industry'] } })),
  };
  const factory: ConnectorFactory = (settings, deps) => {
    if (settings.kind !== 'hubspot') throw new Error('this test uses HubSpot on both sides');
    return createHubSpotConnector({ connectionId: deps.connectionId, settings, redis: deps.redis, prefix: deps.prefix, logger: deps.logger });
  };
  const runtime = createEngineRuntime({
    workspace,
    mappings: await loadMappings(options.mappings ?? 'test/fixtures/mappings/engine'),
    connectorFactory: factory,
    redis: ws.redis,
    connection: ws.connection,
    logger: silentLogger,
    settings: { coalesceMs: 50, lookbackMs: 0, ...settings },
  });
  const workers = await startWorkers({ workspace: { workspace: { id: ws.id, name: 'test' }, redis: { url: 'redis://127.0.0.1:6379' } }, processors: engineProcessors(runtime), logger: silentLogger, shutdownDeadlineMs: 5_000 });
  return { ws, vendor, partner, partners, runtime, workers, ingest: new JobQueue(ingestQueue, ws.connection) };
}

export async function seedVendor(vendor: HubSpotSandbox, count: number): Promise<void> {
  for (let start = 0; start < count; start += 100) {
    const inputs = Array.from({ length: Math.min(100, count - start) }, (_, i) => ({ properties: { name: `Company ${String(start + i)}`, website: `https://www.c${String(start + i)}.example/`, domain: `c${String(start + i)}.example`, industry: 'RETAIL' } }));
    await fetch(`${vendor.url}/crm/v3/objects/companies/batch/create`, { method: 'POST', headers: { authorization: `Bearer ${vendor.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ inputs }) });
  }
}

/** Runs one ingest pass of a connection's object and waits until nothing is left to write anywhere. */
export async function syncOnce(h: Harness, connectionId = 'vendor', object: 'account' | 'opportunity' = 'account'): Promise<void> {
  const jobId = await h.ingest.add('poll', { connectionId, object, trigger: 'manual' });
  await waitFor(async () => (await h.ingest.queue.getJobState(jobId)) === 'completed', { what: 'ingest pass', timeoutMs: 30_000 });
  await drained(h);
}

/** Waits until no write-back job is waiting, delayed or active and nothing is pending. */
export async function drained(h: Harness, timeoutMs = 30_000): Promise<void> {
  await waitFor(async () => {
    const counts = await h.runtime.writeBack.queue.getJobCounts('waiting', 'active', 'delayed');
    const connections = ['vendor', ...h.partners.keys()];
    const pending = (await Promise.all(connections.flatMap((c) => ['account', 'opportunity'].map((o) => h.runtime.stores.pending.count(c, o))))).reduce((a, b) => a + b, 0);
    return (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) + pending === 0;
  }, { what: 'write-back drained', timeoutMs });
}
