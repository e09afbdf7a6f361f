import { afterEach, describe, expect, it } from 'vitest';
import { WRITE_PASS_LOCK_MS } from '../../src/engine/write-lock.js';
import { JobQueue } from '../../src/queues/job-queue.js';
import { ingestQueue } from '../../src/queues/queue-catalog.js';
import { stateKey } from '../../src/redis/key-prefix.js';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../src/sandbox/hubspot/hubspot-sandbox.js';
import { Tombstones } from '../../src/state/tombstones.js';
import { seedVendor } from '../helpers/hubspot-engine-harness.js';
import { spawnCosell, type LongRunningCosell } from '../helpers/spawn-cosell.js';
import { testWorkspace, waitFor, type TestWorkspace } from '../helpers/test-redis.js';
import { hubspotPairWorkspace } from '../helpers/hubspot-pair-workspace.js';

let ws: TestWorkspace | undefined;
const sandboxes: HubSpotSandbox[] = [];
const processes: LongRunningCosell[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  for (const sb of sandboxes.splice(0)) await sb.close();
  await ws?.cleanup();
  ws = undefined;
});

async function workspaceFile(vendor: HubSpotSandbox, partner: HubSpotSandbox, id: string): Promise<string> {
  return hubspotPairWorkspace(vendor, partner, { id, name: 'Crash test', sharing: '{ share: all, fields: [name, website] }', logLevel: 'info' });
}

describe('crash recovery', () => {
  it('given a worker killed (SIGKILL) in the middle of writing batches, when it restarts, then the partner ends with every record exactly once, as an undisturbed run would leave it', async () => {
    ws = await testWorkspace();
    const vendor = await startHubSpotSandbox();
    const partner = await startHubSpotSandbox();
    sandboxes.push(vendor, partner);
    await seedVendor(vendor, 1_000);
    // Slow partner writes, so the kill lands while batches are in flight.
    partner.configure({ faults: { latencyMs: 150, errorRate: 0, seed: 1 } });
    const file = await workspaceFile(vendor, partner, ws.id);
    const env = { VENDOR_TOKEN: vendor.accessToken, PARTNER_TOKEN: partner.accessToken };

    const first = spawnCosell(['worker', '-c', file], env);
    processes.push(first);
    await first.waitForLog('worker started');
    const ingest = new JobQueue(ingestQueue, ws.connection);
    try {
      await ingest.add('poll', { connectionId: 'vendor', object: 'account', trigger: 'manual' });
      await waitFor(() => Promise.resolve(partner.portal.stores.companies.size >= 200 ? true : undefined), { what: 'some partner writes', timeoutMs: 60_000, intervalMs: 10 });
      first.child.kill('SIGKILL');
      await first.exited;
      const writtenAtKill = partner.portal.stores.companies.size;
      expect(writtenAtKill).toBeLessThan(1_000);
      // The dead worker's write lock lapses within its short life: the partner's writes resume in seconds.
      expect(await ws.redis.pttl(stateKey(ws.prefix, 'writelock', 'northwind', 'account'))).toBeLessThanOrEqual(WRITE_PASS_LOCK_MS);

      const second = spawnCosell(['worker', '-c', file], env);
      processes.push(second);
      await second.waitForLog('worker started');
      // The killed jobs come back through the stalled-job check (their 30 s job lock lapsed, then the check that
      // runs every 5 s: about 35 s); their work is idempotent. The wait leaves room for a loaded machine.
      await waitFor(() => Promise.resolve(partner.portal.stores.companies.size === 1_000 ? true : undefined), { what: 'all records written', timeoutMs: 120_000, intervalMs: 100 });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const companies = [...partner.portal.stores.companies.all()];
      expect(companies).toHaveLength(1_000);
      expect(new Set(companies.map((c) => c.properties.get('cosell_id'))).size).toBe(1_000);
      expect(new Set(companies.map((c) => c.properties.get('name'))).size).toBe(1_000);
      // Every copy is known as the engine's, also those whose batch the kill interrupted after the partner had
      // created them: each goes when its vendor account does.
      const created = await new Tombstones(ws.redis, ws.prefix).wasCreated('northwind', 'companies', companies.map((c) => String(c.properties.get('cosell_id'))));
      expect(created.filter((flag) => !flag)).toHaveLength(0);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      await ingest.close();
    }
  }, 200_000);
});
