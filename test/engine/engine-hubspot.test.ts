import { afterEach, describe, expect, it } from 'vitest';
import { createHubSpotConnector } from '../../connectors/hubspot/hubspot-connector.js';
import type { ResolvedWorkspace } from '../../src/config/load-workspace.js';
import { Secret } from '../../src/config/secret.js';
import type { ConnectorFactory } from '../../src/engine/connector-factory.js';
import { engineProcessors } from '../../src/engine/engine-processors.js';
import { createEngineRuntime, type EngineRuntime } from '../../src/engine/engine-runtime.js';
import { loadMappings } from '../../src/mappings/load-mappings.js';
import { JobQueue } from '../../src/queues/job-queue.js';
import { ingestQueue } from '../../src/queues/queue-catalog.js';
import { startWorkers, type RunningWorkers } from '../../src/runtime/worker-process.js';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../src/sandbox/hubspot/hubspot-sandbox.js';
import { silentLogger, testWorkspace, waitFor, type TestWorkspace } from '../helpers/test-redis.js';

const LIMITS = { dailyShare: 1, requestsPerTenSeconds: 10_000, searchRequestsPerSecond: 1_000 };

interface Harness {
  ws: TestWorkspace;
  vendor: HubSpotSandbox;
  partner: HubSpotSandbox;
  runtime: EngineRuntime;
  workers: RunningWorkers;
  ingest: JobQueue<typeof ingestQueue.payload>;
}
let harness: Harness | undefined;
afterEach(async () => {
  if (!harness) return;
  await harness.workers.stop();
  await harness.ingest.close();
  await harness.runtime.close();
  await harness.vendor.close();
  await harness.partner.close();
  await harness.ws.cleanup();
  harness = undefined;
});

const connection = (sb: HubSpotSandbox) => ({ kind: 'hubspot' as const, baseUrl: sb.url, limits: LIMITS, auth: { type: 'private-app' as const, token: new Secret(sb.accessToken, 'T') } });

async function setup(): Promise<Harness> {
  const ws = await testWorkspace();
  const vendor = await startHubSpotSandbox();
  const partner = await startHubSpotSandbox();
  const workspace: Pick<ResolvedWorkspace, 'vendor' | 'partners'> = {
    vendor: { name: 'Acme Cloud', connection: connection(vendor) },
    partners: [{ id: 'northwind', name: 'Northwind', persona: 'reseller', tier: 'gold', region: 'emea', connection: connection(partner), sharing: { share: 'all', fields: ['name', 'website', 'industry'] } }],
  };
  const factory: ConnectorFactory = (settings, deps) => {
    if (settings.kind !== 'hubspot') throw new Error('this test uses HubSpot on both sides');
    return createHubSpotConnector({ connectionId: deps.connectionId, settings, redis: deps.redis, prefix: deps.prefix, logger: deps.logger });
  };
  const runtime = createEngineRuntime({
    workspace,
    mappings: await loadMappings('test/fixtures/mappings/engine'),
    connectorFactory: factory,
    redis: ws.redis,
    connection: ws.connection,
    logger: silentLogger,
    settings: { coalesceMs: 50, lookbackMs: 0 },
  });
  const workers = await startWorkers({ workspace: { workspace: { id: ws.id, name: 'test' }, redis: { url: 'redis://127.0.0.1:6379' } }, processors: engineProcessors(runtime), logger: silentLogger, shutdownDeadlineMs: 5_000 });
  harness = { ws, vendor, partner, runtime, workers, ingest: new JobQueue(ingestQueue, ws.connection) };
  return harness;
}

async function seedVendor(vendor: HubSpotSandbox, count: number): Promise<void> {
  for (let start = 0; start < count; start += 100) {
    const inputs = Array.from({ length: Math.min(100, count - start) }, (_, i) => ({ properties: { name: `Company ${String(start + i)}`, website: `https://www.c${String(start + i)}.example/`, domain: `c${String(start + i)}.example`, industry: 'RETAIL' } }));
    await fetch(`${vendor.url}/crm/v3/objects/companies/batch/create`, { method: 'POST', headers: { authorization: `Bearer ${vendor.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ inputs }) });
  }
}

/** Runs one ingest pass of the vendor's accounts and waits until nothing is left to write. */
async function syncOnce(h: Harness): Promise<void> {
  const jobId = await h.ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
  await waitFor(async () => (await h.ingest.queue.getJobState(jobId)) === 'completed', { what: 'ingest pass', timeoutMs: 30_000 });
  await waitFor(async () => (await h.runtime.stores.pending.count('northwind', 'account')) === 0 && (await h.runtime.writeBack.queue.getJobCounts('waiting', 'active', 'delayed')).delayed === 0 && (await h.runtime.writeBack.queue.getActiveCount()) === 0, { what: 'write-back drained', timeoutMs: 30_000 });
}

describe('sync engine, HubSpot vendor to HubSpot partner', () => {
  it('given 150 vendor accounts shared with a partner, then the partner gets them with the allowed fields, and a re-run writes nothing', async () => {
    const h = await setup();
    await seedVendor(h.vendor, 150);
    await syncOnce(h);
    const partnerCompanies = [...h.partner.portal.stores.companies.all()];
    expect(partnerCompanies).toHaveLength(150);
    const sample = partnerCompanies.find((c) => c.properties.get('name') === 'Company 7');
    expect(sample?.properties.get('website')).toBe('https://www.c7.example/');
    expect(sample?.properties.get('cosell_id')).toMatch(/^acc_/);
    // Not in the sharing allowlist or not written by the mapping: never sent.
    expect(sample?.properties.has('domain')).toBe(false);
    const stamps = partnerCompanies.map((c) => c.updatedAt);

    await h.runtime.stores.cursors.reset('vendor', 'account'); // read everything again
    await syncOnce(h);
    expect([...h.partner.portal.stores.companies.all()].map((c) => c.updatedAt)).toEqual(stamps);
    const runs = await h.runtime.stores.runs.latest(10);
    const writes = runs.filter((r) => r.trigger === 'write-back');
    expect(writes.reduce((n, r) => n + r.counts.written, 0)).toBe(150);
  });

  it('given one vendor account the partner refuses, then the others are written and that one is parked with the CRM code; replay after the fix writes it', async () => {
    const h = await setup();
    await seedVendor(h.vendor, 99);
    // A value the partner portal refuses (written straight into the vendor's store, as an old import might).
    const vendorStore = h.vendor.portal.stores.companies;
    vendorStore.create(h.vendor.portal.nextId(), new Map([['name', 'Odd Industry Inc'], ['industry', 'SPACE_PIRACY']]), h.vendor.portal.clock);
    await syncOnce(h);
    expect(h.partner.portal.stores.companies.size).toBe(99);
    const [letter] = await h.runtime.deadLetters.list();
    expect(letter).toMatchObject({ queue: 'write-back', error: { crmCode: 'INVALID_OPTION' }, payload: { connectionId: 'northwind', object: 'account' } });

    // The partner adds the option; the admin replays the entry.
    const property = h.partner.portal.stores.companies.definitions.get('industry');
    property?.options.push({ label: 'Space piracy', value: 'SPACE_PIRACY', displayOrder: 99, hidden: false });
    const { replayDeadLetter } = await import('../../src/queues/replay-dead-letter.js');
    await replayDeadLetter(h.runtime.deadLetters, letter?.id ?? '', h.ws.connection);
    await waitFor(() => Promise.resolve(h.partner.portal.stores.companies.size === 100 ? true : undefined), { what: 'replayed record written' });
  });
});
